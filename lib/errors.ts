/**
 * The only errors whose message may reach the browser. Everything else is logged on the server
 * and shown as a generic Vietnamese error (app/error.tsx).
 */
export class AppError extends Error {
  constructor(
    message: string,
    readonly code: 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'INVALID' | 'UNAUTHENTICATED' = 'INVALID',
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The HTTP status of each refusal, for the API routes that answer with one. */
export const HTTP_STATUS: Record<AppError['code'], number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INVALID: 400,
  UNAUTHENTICATED: 401,
};

/** What a user may not see is "not found" to them: no hint that it exists. */
export class NotFoundError extends AppError {
  constructor(message = 'Không tìm thấy nội dung này, hoặc bạn không có quyền xem.') {
    super(message, 'NOT_FOUND');
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Bạn không có quyền thực hiện thao tác này.') {
    super(message, 'FORBIDDEN');
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 'CONFLICT');
  }
}

/** An administrator reset this user's password: they must choose a new one before anything else. */
export class PasswordChangeRequiredError extends AppError {
  constructor() {
    super('Bạn cần đổi mật khẩu trước khi tiếp tục.', 'FORBIDDEN');
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super('Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.', 'UNAUTHENTICATED');
  }
}

/** A refusal tied to one field of a form: shown next to that field. */
export class FieldError extends AppError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message, 'INVALID');
  }
}
