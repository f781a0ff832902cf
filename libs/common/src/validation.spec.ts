import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, MaxLength, Min, MinLength } from 'class-validator';
import { createValidationPipe } from './validation';
import { DomainError } from './domain-error';

class Example {
  @IsOptional() @IsInt() @Min(1) @Max(1000)
  limit?: number;

  @IsString() @MinLength(8) @MaxLength(256)
  password!: string;

  @IsIn(['admin', 'operator'])
  role!: string;

  @IsOptional() @IsISO8601()
  from?: string;

  @IsOptional() @IsString() @Length(6, 6)
  code?: string;
}

async function errorsFor(body: unknown) {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: Example });
  } catch (error) {
    return (error as DomainError).errors;
  }
  throw new Error('expected a validation error');
}

describe('createValidationPipe', () => {
  it('reports a wrong type alone, not the range checks it makes meaningless', async () => {
    const errors = await errorsFor({ limit: 'lots', password: ['x'], role: 'admin' });
    expect(errors).toEqual([
      { field: 'limit', code: 'isInt', message: 'limit は整数で入力してください。' },
      { field: 'password', code: 'isString', message: 'password は文字列で入力してください。' },
    ]);
  });

  it('reports range, length and choice problems of well-typed values, and unknown fields', async () => {
    const errors = await errorsFor({ limit: 0, password: 'short', role: 'boss', extra: 1, from: 'yesterday', code: '123' });
    const expected = [
      { field: 'from', code: 'isIso8601', message: 'from は日時（ISO 8601）で入力してください。' },
      { field: 'code', code: 'isLength', message: 'code の長さが正しくありません。' },
      { field: 'limit', code: 'min', message: 'limit が小さすぎます。' },
      { field: 'password', code: 'minLength', message: 'password が短すぎます。' },
      { field: 'role', code: 'isIn', message: 'role の値が選択肢にありません。' },
      { field: 'extra', code: 'whitelistValidation', message: 'extra は受け付けない項目です。' },
    ];
    expect(errors).toEqual(expect.arrayContaining(expected));
    expect(errors).toHaveLength(expected.length);
  });
});
