import { TestApp } from './support/test-app';

describe('campaigns and batches', () => {
  const t = new TestApp();
  let admin: { authorization: string };
  beforeAll(async () => {
    await t.start();
    admin = { authorization: `Bearer ${await t.login()}` };
  }, 60_000);
  afterAll(() => t.close());

  it('creates a campaign with two batches; a batch defaults to all 179 municipalities', async () => {
    const campaign = await t.http().post('/api/campaigns').set(admin).send({ name: 'マイナンバーカード交付申請書送付' }).expect(201);
    const first = await t.http().post(`/api/campaigns/${campaign.body.id}/batches`).set(admin)
      .send({ name: '1回目分', matchDate: '2027-01-15', mailFrom: '2027-02-15', mailTo: '2027-02-26' }).expect(201);
    expect(first.body.municipalityCodes).toHaveLength(179);
    expect(first.body.status).toBe('draft');
    await t.http().post(`/api/campaigns/${campaign.body.id}/batches`).set(admin)
      .send({ name: '2回目分', matchDate: '2027-02-05', mailFrom: '2027-03-01', mailTo: '2027-03-12', municipalityCodes: ['011002', '012025'] }).expect(201);
    const detail = await t.http().get(`/api/campaigns/${campaign.body.id}`).set(admin).expect(200);
    expect(detail.body.batches.map((b: { name: string }) => b.name)).toEqual(['1回目分', '2回目分']);
    expect(detail.body.batches[1].municipalityCodes).toEqual(['011002', '012025']);
  });

  it('refuses impossible dates, a window that ends before it starts, and codes outside the union', async () => {
    const campaign = await t.http().post('/api/campaigns').set(admin).send({ name: 'テスト' }).expect(201);
    const url = `/api/campaigns/${campaign.body.id}/batches`;
    const bad = await t.http().post(url).set(admin).send({ name: 'x', matchDate: '2027-02-30', mailFrom: '2027-03-01', mailTo: '2027-02-01', municipalityCodes: ['016951'] }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['matchDate', 'municipalityCodes']));
    const order = await t.http().post(url).set(admin).send({ name: 'x', matchDate: '2027-01-01', mailFrom: '2027-03-01', mailTo: '2027-02-01' }).expect(400);
    expect(order.body.errors[0]).toMatchObject({ field: 'mailTo', code: 'before_start' });
    const detail = await t.http().get(`/api/campaigns/${campaign.body.id}`).set(admin).expect(200);
    expect(detail.body.batches).toEqual([]);
  });

  it('lets only admins create, and keeps municipal users out', async () => {
    const supervisor = await t.userWithRole('supervisor');
    await t.http().post('/api/campaigns').set({ authorization: `Bearer ${supervisor}` }).send({ name: 'x' }).expect(403);
    await t.http().get('/api/campaigns').set({ authorization: `Bearer ${supervisor}` }).expect(200);
    const municipal = await t.userWithRole('municipal', '011002');
    await t.http().get('/api/campaigns').set({ authorization: `Bearer ${municipal}` }).expect(403);
  });
});
