import type request from 'supertest';
import type { Role } from '@wavedesk/contracts';
import { bearer, TestApp, type TestUser } from './support/test-app';

jest.setTimeout(30_000);

/** Each role signs in and reaches only what it may; a municipal user only their own municipality. */
describe('roles and municipality scoping', () => {
  const t = new TestApp();
  const users = {} as Record<Role, TestUser>;
  let admin: string;
  beforeAll(async () => {
    await t.start();
    admin = await t.login();
    users.admin = await t.createUser('admin');
    users.supervisor = await t.createUser('supervisor');
    users.operator = await t.createUser('operator');
    users.municipal = await t.createUser('municipal', '012025'); // 函館市
  }, 60_000);
  afterAll(() => t.close());

  const userCount = async () => (await t.http().get('/api/users').set(bearer(admin)).expect(200)).body.length;

  it.each(['admin', 'supervisor', 'operator', 'municipal'] as Role[])('%s signs in and is who the token says', async (role) => {
    const res = await t.http().get('/api/auth/me').set(bearer(users[role].token)).expect(200);
    expect(res.body).toMatchObject({ username: users[role].username, role, municipalityCode: role === 'municipal' ? '012025' : null });
  });

  it.each(['supervisor', 'operator', 'municipal'] as Role[])('%s may not use the admin routes (403)', async (role) => {
    const token = users[role].token;
    const before = await userCount();
    const denied: Array<[string, () => request.Test]> = [
      ['GET /api/users', () => t.http().get('/api/users')],
      ['POST /api/users', () => t.http().post('/api/users').send({ username: 'sneaky', password: 'sneaky-password', role: 'admin' })],
      ['PATCH /api/users/:id', () => t.http().patch(`/api/users/${users[role].id}`).send({ role: 'admin' })],
      ['GET /api/audit', () => t.http().get('/api/audit')],
      ['GET /api/audit/export.csv', () => t.http().get('/api/audit/export.csv')],
      ['PATCH /api/municipalities/:code', () => t.http().patch('/api/municipalities/011002').send({ counterCapacity: 1 })],
      ['POST /api/system/live-test', () => t.http().post('/api/system/live-test').send({})],
    ];
    for (const [route, send] of denied) {
      const res = await send().set(bearer(token));
      expect([route, res.status, res.body.code]).toEqual([route, 403, 'forbidden']);
    }
    expect(await userCount()).toBe(before);
    const sapporo = await t.http().get('/api/municipalities/011002').set(bearer(admin)).expect(200);
    expect(sapporo.body.counterCapacity).not.toBe(1);
    expect((await t.http().get('/api/auth/me').set(bearer(token)).expect(200)).body.role).toBe(role);
  });

  it('lets an admin use the admin routes', async () => {
    const token = users.admin.token;
    await t.http().get('/api/users').set(bearer(token)).expect(200);
    await t.http().get('/api/audit').set(bearer(token)).expect(200);
    await t.http().get('/api/audit/export.csv').set(bearer(token)).expect(200);
    const res = await t.http().patch('/api/municipalities/011002').set(bearer(token)).send({ counterCapacity: 250, contactPhone: '011-211-2111' }).expect(200);
    expect(res.body).toMatchObject({ code: '011002', counterCapacity: 250, contactPhone: '011-211-2111' });
    const again = await t.http().get('/api/municipalities/011002').set(bearer(users.supervisor.token)).expect(200);
    expect(again.body).toMatchObject({ counterCapacity: 250, contactPhone: '011-211-2111' });
  });

  it('shows union roles all 179 municipalities and a municipal user only their own', async () => {
    for (const role of ['supervisor', 'operator'] as Role[]) {
      const res = await t.http().get('/api/municipalities').set(bearer(users[role].token)).expect(200);
      expect(res.body).toHaveLength(179);
    }
    const own = await t.http().get('/api/municipalities').set(bearer(users.municipal.token)).expect(200);
    expect(own.body.map((m: { code: string }) => m.code)).toEqual(['012025']);
    await t.http().get('/api/municipalities/012025').set(bearer(users.municipal.token)).expect(200);
    const other = await t.http().get('/api/municipalities/011002').set(bearer(users.municipal.token)).expect(403);
    expect(other.body).toMatchObject({ code: 'forbidden', message: expect.stringContaining('他の市町村') });
  });

  it.each([
    ['no code', undefined, 'isDefined'],
    ['a code that is not six digits', '01202', 'matches'],
    ['a wrong check digit', '012026', 'invalid_check_digit'],
    ['Shikotan (016951), valid but not a municipality of the union', '016951', 'unknown_municipality'],
  ])('refuses a municipal user with %s (400 on municipalityCode), storing nothing', async (_, municipalityCode, code) => {
    const before = await userCount();
    const res = await t.http()
      .post('/api/users')
      .set(bearer(admin))
      .send({ username: `muni_${code}`, password: 'municipal-password', role: 'municipal', ...(municipalityCode ? { municipalityCode } : {}) })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'municipalityCode', code, message: expect.stringMatching(/市町村コード/) }]);
    expect(await userCount()).toBe(before);
  });

  it('ends the sessions of a user whose role an admin changes', async () => {
    const user = await t.createUser('operator');
    await t.http().patch(`/api/users/${user.id}`).set(bearer(admin)).send({ role: 'municipal', municipalityCode: '011002' }).expect(200);
    await t.http().get('/api/auth/me').set(bearer(user.token)).expect(401);
    const fresh = await t.http().post('/api/auth/login').send({ username: user.username, password: user.password }).expect(200);
    const me = await t.http().get('/api/auth/me').set(bearer(fresh.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ role: 'municipal', municipalityCode: '011002' });
  });
});
