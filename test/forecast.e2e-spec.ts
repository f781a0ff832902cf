import { TestApp } from './support/test-app';

describe('forecast and staffing API', () => {
  const t = new TestApp();
  let auth: { authorization: string };
  beforeAll(async () => {
    await t.start();
    auth = { authorization: `Bearer ${await t.login()}` };
  }, 60_000);
  afterAll(() => t.close());

  it("reproduces the survey's 試算 from targets and from insured with card rate", async () => {
    const expected = { targets: 614058, totalInquiries: 8911, peakDayInquiries: 424 };
    const a = await t.http().post('/api/forecast/what-if').set(auth).send({ targets: 614058 }).expect(200);
    expect(a.body).toEqual(expected);
    const b = await t.http().post('/api/forecast/what-if').set(auth).send({ insured: 838877, cardRate: 0.268 }).expect(200);
    expect(b.body).toEqual(expected);
  });

  it.each([
    [{ targets: -5 }, 'targets'],
    [{ targets: 'many' }, 'targets'],
    [{ insured: 838877, cardRate: 1.2 }, 'cardRate'],
    [{ targets: 1000, inquiryRate: 0 }, 'inquiryRate'],
  ])('answers 400 with a clear message for %p', async (body, field) => {
    const res = await t.http().post('/api/forecast/what-if').set(auth).send(body).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(res.body.errors[0].message).toMatch(/[ぁ-んァ-ン一-龯]/);
  });

  it('sizes operators with Erlang C: 100 calls in 30 minutes at 180 s for 80 % in 20 s needs 14', async () => {
    const res = await t.http().post('/api/staffing/erlang-c').set(auth)
      .send({ callsPerInterval: 100, intervalMinutes: 30, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8 }).expect(200);
    expect(res.body.agents).toBe(14);
    expect(res.body.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(res.body.occupancy).toBeCloseTo(10 / 14, 5);
  });

  it('refuses a service level of 1 and zero handling time', async () => {
    const a = await t.http().post('/api/staffing/erlang-c').set(auth).send({ callsPerInterval: 10, serviceLevel: 1 }).expect(400);
    expect(a.body.errors.map((e: { field: string }) => e.field)).toContain('serviceLevel');
    const b = await t.http().post('/api/staffing/erlang-c').set(auth).send({ callsPerInterval: 10, ahtSeconds: 0 }).expect(400);
    expect(b.body.errors.map((e: { field: string }) => e.field)).toContain('ahtSeconds');
  });

  it('refuses a forecast range over two years', async () => {
    const res = await t.http().get('/api/forecast?from=2027-01-01&to=2030-01-01').set(auth).expect(400);
    expect(res.body.message).toMatch(/[ぁ-んァ-ン一-龯]/);
  });
});
