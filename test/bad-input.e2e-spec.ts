import { bearer, TestApp } from './support/test-app';

jest.setTimeout(30_000);

const JAPANESE = /[ぁ-んァ-ン一-龯]/;

/** Malformed, unknown, mistyped, out-of-range and oversized input: 400/413 with reasons, and nothing stored. */
describe('bad input', () => {
  const t = new TestApp({ env: { BODY_LIMIT: '2kb' } });
  let admin: string;
  beforeAll(async () => {
    await t.start();
    admin = await t.login();
  }, 60_000);
  afterAll(() => t.close());

  const users = async (): Promise<string[]> =>
    (await t.http().get('/api/users').set(bearer(admin)).expect(200)).body.map((u: { username: string }) => u.username);
  const valid = { username: 'newuser01', password: 'new-user-password', role: 'operator' };
  const postUser = () => t.http().post('/api/users').set(bearer(admin));

  let before: string[];
  beforeEach(async () => {
    before = await users();
  });
  afterEach(async () => {
    expect(await users()).toEqual(before);
  });

  it.each([
    ['a cut-off object', '{"username": "newuser01", "password": '],
    ['single quotes', "{'username': 'newuser01'}"],
    ['a bare string', '"newuser01"'],
  ])('answers malformed JSON (%s) with 400 malformed_json', async (_, body) => {
    const res = await postUser().set('content-type', 'application/json').send(body).expect(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'malformed_json', message: expect.stringMatching(JAPANESE) });
  });

  it('answers a JSON body in another character set with 415 and says to send UTF-8', async () => {
    const res = await postUser().set('content-type', 'application/json; charset=shift_jis').send(JSON.stringify(valid)).expect(415);
    expect(res.body).toEqual({ statusCode: 415, code: 'unsupported_media_type', message: expect.stringContaining('UTF-8') });
  });

  it('refuses unknown fields, naming each with a Japanese sentence and a stable code', async () => {
    const res = await postUser().send({ ...valid, isAdmin: true, disabled: false }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'validation_failed', message: expect.stringMatching(JAPANESE) });
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'isAdmin', code: 'whitelistValidation', message: 'isAdmin は受け付けない項目です。' },
        { field: 'disabled', code: 'whitelistValidation', message: 'disabled は受け付けない項目です。' },
      ]),
    );
    expect(res.body.errors).toHaveLength(2);
  });

  it('refuses wrong types field by field', async () => {
    const res = await postUser().send({ username: 12345, password: ['a', 'b'], role: 'boss', municipalityCode: 12025 }).expect(400);
    const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
    expect(fields).toEqual(new Set(['username', 'password', 'role', 'municipalityCode']));
    for (const error of res.body.errors) {
      expect(error).toEqual({ field: expect.any(String), code: expect.any(String), message: expect.stringMatching(JAPANESE) });
    }
    expect(res.body.errors).toContainEqual({ field: 'username', code: 'isString', message: 'username は文字列で入力してください。' });
  });

  it('refuses a JSON array or an empty body instead of an object', async () => {
    const array = await postUser().send([valid]).expect(400);
    expect(array.body.code).toBe('validation_failed');
    const empty = await postUser().set('content-type', 'application/json').send('').expect(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['username', 'password', 'role']));
  });

  it('refuses out-of-range and mistyped municipality settings and keeps the old value', async () => {
    const patch = (body: object) => t.http().patch('/api/municipalities/011002').set(bearer(admin)).send(body);
    const before = (await t.http().get('/api/municipalities/011002').set(bearer(admin)).expect(200)).body;
    for (const body of [{ counterCapacity: -1 }, { counterCapacity: 1_000_000 }, { counterCapacity: '40' }, { counterCapacity: 2.5 }, { contactPhone: 'call me' }]) {
      const res = await patch(body).expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: Object.keys(body)[0], message: expect.stringMatching(JAPANESE) });
    }
    expect((await t.http().get('/api/municipalities/011002').set(bearer(admin)).expect(200)).body).toEqual(before);
  });

  it('refuses bad query parameters with 400 per field', async () => {
    const res = await t.http().get('/api/audit').query({ limit: 'lots', from: 'yesterday' }).set(bearer(admin)).expect(400);
    // One reason per field: 'lots' is not a number, so not also "too small" and "too large".
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'limit', code: 'isInt', message: 'limit は整数で入力してください。' },
        { field: 'from', code: 'isIso8601', message: 'from は日時（ISO 8601）で入力してください。' },
      ]),
    );
    expect(res.body.errors).toHaveLength(2);
    await t.http().get('/api/audit').query({ limit: 5000 }).set(bearer(admin)).expect(400);
    await t.http().patch('/api/users/abc').set(bearer(admin)).send({ disabled: true }).expect(400);
  });

  it('answers a body over BODY_LIMIT with 413 and stores nothing', async () => {
    const res = await postUser().send({ ...valid, password: 'x'.repeat(3 * 1024) }).expect(413);
    expect(res.body).toEqual({ statusCode: 413, code: 'payload_too_large', message: expect.stringMatching(JAPANESE) });
    // Just under the limit it is read (and then refused for the too-long password, with a reason).
    const under = await postUser().send({ ...valid, password: 'x'.repeat(1024) }).expect(400);
    expect(under.body.errors).toEqual([{ field: 'password', code: 'maxLength', message: 'password が長すぎます。' }]);
  });

  it('answers an oversized sign-in with 413 too, and still accepts a normal one', async () => {
    await t.http().post('/api/auth/login').send({ username: 'admin', password: 'x'.repeat(4096) }).expect(413);
    await t.http().post('/api/auth/login').send({ username: 'admin', password: 'admin-password-for-tests' }).expect(200);
  });
});
