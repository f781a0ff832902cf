import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@wavedesk/contracts';
import { DomainError } from './domain-error';

/** Japanese sentences for class-validator's constraint names (its IS_… constants). `{f}` is the field name. */
const MESSAGES: Record<string, string> = {
  whitelistValidation: '{f} は受け付けない項目です。',
  isDefined: '{f} は必須です。',
  isNotEmpty: '{f} を入力してください。',
  isString: '{f} は文字列で入力してください。',
  isInt: '{f} は整数で入力してください。',
  isNumber: '{f} は数値で入力してください。',
  isBoolean: '{f} は true か false で入力してください。',
  isIn: '{f} の値が選択肢にありません。',
  isEnum: '{f} の値が選択肢にありません。',
  min: '{f} が小さすぎます。',
  max: '{f} が大きすぎます。',
  minLength: '{f} が短すぎます。',
  maxLength: '{f} が長すぎます。',
  isLength: '{f} の長さが正しくありません。',
  matches: '{f} の形式が正しくありません。',
  isDateString: '{f} は日付（YYYY-MM-DD）で入力してください。',
  isIso8601: '{f} は日時（ISO 8601）で入力してください。',
  isArray: '{f} は配列で入力してください。',
  arrayNotEmpty: '{f} を1件以上指定してください。',
  arrayMaxSize: '{f} の件数が多すぎます。',
  isPositive: '{f} は正の数で入力してください。',
  isObject: '{f} はオブジェクトで入力してください。',
};

/** Checks of a value's type. When one fails, range and length checks on the same field say nothing useful. */
const TYPE_CHECKS = new Set(['isDefined', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isDateString', 'isIso8601', 'isArray', 'isObject']);

/**
 * The constraints worth telling a person about: for `"lots"` in an integer field only 「整数で入力してください」,
 * not also 「小さすぎます」 and 「大きすぎます」 at once.
 */
function relevant(constraints: Record<string, string>): [string, string][] {
  const all = Object.entries(constraints);
  const typeErrors = all.filter(([code]) => TYPE_CHECKS.has(code));
  return typeErrors.length > 0 ? typeErrors : all;
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [code, original] of relevant(e.constraints ?? {})) {
      // A DTO may give its own Japanese message; otherwise use the table, else the library's text.
      const own = /[ぁ-んァ-ン一-龯]/.test(original) ? original : undefined;
      const template = MESSAGES[code];
      out.push({ field, code, message: own ?? (template ? template.replace('{f}', field) : `${field}: ${original}`) });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/** The one validation pipe: unknown fields are refused, types converted, every problem reported per field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) =>
      new DomainError(400, 'validation_failed', '入力内容に誤りがあります。', flatten(errors)),
  });
}
