import { TestApp } from './support/test-app';

describe('foundation (API on MariaDB and Redis)', () => {
  const t = new TestApp();
  beforeAll(() => t.start(), 60_000);
  afterAll(() => t.close());

  it('reports ok health with database and Redis up', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up', redis: 'up' });
  });

  it('loads the 179 municipalities on first start', async () => {
    const token = await t.login();
    const res = await t.http().get('/api/municipalities').set('authorization', `Bearer ${token}`).expect(200);
    expect(res.body).toHaveLength(179);
    expect(res.body[0]).toMatchObject({ code: '011002', name: '札幌市', kana: 'サッポロシ', subprefecture: '石狩振興局', population: 1954588 });
    expect(res.body[0].counterCapacity).toBeGreaterThan(0);
  });

  it('refuses a route without a token or with a forged one (401)', async () => {
    await t.http().get('/api/municipalities').expect(401);
    const res = await t.http().get('/api/municipalities').set('authorization', 'Bearer abc.def.ghi').expect(401);
    expect(res.body.code).toBe('unauthorized');
  });

  it('scopes a municipal user to their own municipality (403 for another)', async () => {
    const token = await t.userWithRole('municipal', '012025');
    const list = await t.http().get('/api/municipalities').set('authorization', `Bearer ${token}`).expect(200);
    expect(list.body.map((m: { code: string }) => m.code)).toEqual(['012025']);
    await t.http().get('/api/municipalities/011002').set('authorization', `Bearer ${token}`).expect(403);
    await t.http().get('/api/users').set('authorization', `Bearer ${token}`).expect(403);
  });
});
