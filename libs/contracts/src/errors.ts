/** One field error in a 400 answer: a stable code plus a Japanese sentence. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** The body of every error answer. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: FieldError[];
}
