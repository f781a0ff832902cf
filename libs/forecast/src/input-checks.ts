/**
 * Small input checks shared by the forecast functions. Each check adds a per-field error (stable code,
 * Japanese sentence) to a list; the caller throws one 400 `DomainError` carrying every problem at once,
 * the same shape the API's validation pipe answers with.
 */
import { badRequest, type DomainError } from '@wavedesk/common';
import type { FieldError } from '@wavedesk/contracts';

export class FieldErrors {
  readonly list: FieldError[] = [];

  add(field: string, code: string, message: string): void {
    this.list.push({ field, code, message });
  }

  /** A finite number, or an error. Returns the value when it is one, else `undefined`. */
  number(value: unknown, field: string, label: string): number | undefined {
    if (value === undefined || value === null) {
      this.add(field, 'required', `${label}を入力してください。`);
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(field, 'not_a_number', `${label}は数値で入力してください。`);
      return undefined;
    }
    return value;
  }

  /** A whole number ≥ 0 (a count of forms, people or calls). */
  count(value: unknown, field: string, label: string): number | undefined {
    const n = this.number(value, field, label);
    if (n === undefined) return undefined;
    if (n < 0) {
      this.add(field, 'negative', `${label}に負の数は指定できません。`);
      return undefined;
    }
    if (!Number.isSafeInteger(n)) {
      this.add(field, 'not_integer', `${label}は整数で入力してください。`);
      return undefined;
    }
    return n;
  }

  /** A number ≥ 0, fractions allowed (an expected number of calls). */
  nonNegative(value: unknown, field: string, label: string): number | undefined {
    const n = this.number(value, field, label);
    if (n === undefined) return undefined;
    if (n < 0) {
      this.add(field, 'negative', `${label}に負の数は指定できません。`);
      return undefined;
    }
    return n;
  }

  /** A number > 0. */
  positive(value: unknown, field: string, label: string): number | undefined {
    const n = this.number(value, field, label);
    if (n === undefined) return undefined;
    if (n <= 0) {
      this.add(field, 'not_positive', `${label}は0より大きい数で入力してください。`);
      return undefined;
    }
    return n;
  }

  /** A share strictly between 0 and 1 (a rate, a service-level goal). */
  openUnitInterval(value: unknown, field: string, label: string): number | undefined {
    const n = this.number(value, field, label);
    if (n === undefined) return undefined;
    if (n <= 0 || n >= 1) {
      this.add(field, 'out_of_range', `${label}は0より大きく1未満の値で入力してください（例: 26.8% なら 0.268）。`);
      return undefined;
    }
    return n;
  }

  /** Throws one 400 with every collected problem, if there is any. */
  throwIfAny(code: string, message = '入力内容に誤りがあります。'): void {
    if (this.list.length > 0) throw this.toError(code, message);
  }

  toError(code: string, message = '入力内容に誤りがあります。'): DomainError {
    return badRequest(code, message, [...this.list]);
  }
}
