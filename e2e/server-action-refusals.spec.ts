// Server actions that refuse answer as the routes do, never with a 500 (issue #13): another role gets
// the 403 page, a case id that is malformed or another organization's the 404 page (cross-tenant is
// "not found", as on the case pages and the API), a cross-origin call the 403 the routes give, and
// arguments that are not what the form sends the form's own error message. Each action is called as
// an attacker would call it: in the browser, on a page rendered for the role the action is for, with
// the session swapped for another's or the request rewritten on its way; and without a browser, with
// the action id read from that page's HTML and the call replayed as Next.js's client makes it (a POST
// to the page with a Next-Action header) or as the form posts it without JavaScript. Every refused
// call is shown to have changed nothing in the database.
//
// What Next.js itself answers, and is left as it is: an action id it does not know is its 409 ("Server
// Action unavailable.", an older or newer deployment's) and one that cannot be an id its 400; and a
// form posted without JavaScript whose action calls forbidden() gets the 404 page, because Next.js
// renders any notFound() or forbidden() of such a post as not found
// (next/dist/server/app-render/action-handler.js), as authorization-matrix.spec.ts notes for the
// API-key page. The cross-origin call Next.js answers with a 500 ("Invalid Server Actions request.");
// proxy.ts refuses it before that, with a 403 problem document (lib/http/cross-origin-write.ts).
import { randomUUID } from 'node:crypto';
import { expect, test, type APIResponse, type Browser, type Locator, type Page } from '@playwright/test';
import { DEMO_ORGANIZATIONS } from '../lib/demo/demo-consortium';
import { E2E_BASE_URL } from '../playwright.config';
import { signIn, type AccountName } from './accounts';
import { queryE2eDatabase } from './e2e-database';
import { actionForm, createOperatorApiKey, fileCaseViaForm, fillCaseForm, uploadEvidenceViaApi, waitAnchoredViaApi } from './helpers';

const ROLES = ['lenderA', 'lenderB', 'arbitrator', 'borrower1', 'regulator'] as const satisfies readonly AccountName[];
type Role = (typeof ROLES)[number];
const BORROWER_1 = { name: '张伟 Zhang Wei', idNumber: '44010419900307451X' };
const COMMISSION = DEMO_ORGANIZATIONS.find((o) => o.key === 'commission')!.name;
/** A second commission, made by the operator: a case filed to it is another organization's case for the demo arbitrator. */
const OTHER_COMMISSION = '深圳仲裁委员会 (E2E) Shenzhen Arbitration Commission';
const ATTACKER_ORIGIN = 'https://attacker.example';

const pages = new Map<Role, Page>();
const run = randomUUID().slice(0, 8);
let caseId: string;
let otherCaseId: string;
let caseTitle: string;
let evidenceId: string;
let verifyAll: { actionId: string; fields: Record<string, string> };
let advance: { actionId: string; fields: Record<string, string> };
let fileCase: { actionId: string; fields: Record<string, string> };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  for (const role of ROLES) {
    const page = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
    await signIn(page, role);
    pages.set(role, page);
  }
  createOperatorApiKey(OTHER_COMMISSION, 'arbitration_commission', 'refusals spec');
  const lender = pages.get('lenderA')!;
  caseTitle = `Refusals case ${run}`;
  evidenceId = await uploadEvidenceViaApi(lender, { title: `Refusals contract ${run}`, content: Buffer.from(`refusals ${run}`), borrower: BORROWER_1 });
  await waitAnchoredViaApi(lender, evidenceId);
  const filing = { borrowerName: BORROWER_1.name, evidenceIds: [evidenceId] };
  caseId = await fileCaseViaForm(lender, { ...filing, commission: COMMISSION, title: caseTitle });
  otherCaseId = await fileCaseViaForm(lender, { ...filing, commission: OTHER_COMMISSION, title: `Refusals case elsewhere ${run}` });

  const arbitrator = pages.get('arbitrator')!;
  verifyAll = await actionForm(arbitrator, `/arbitration/cases/${caseId}`, 'data-testid="verify-all-form"');
  advance = await actionForm(arbitrator, `/arbitration/cases/${caseId}`, 'data-testid="advance-under_review"');
  fileCase = await actionForm(lender, '/lender/cases/new', 'data-testid="file-case-form"');
});

test.afterAll(async () => {
  for (const page of pages.values()) await page.context().close();
});

/** Calls a server action as Next.js's client does: a POST to the page with the Next-Action header and
 * the arguments in React's reply encoding, with the session of `role` and from `origin`. A `form` is
 * sent as the FormData argument after `args`, as a submitted <form> is. */
function callAction(
  role: Role,
  path: string,
  actionId: string,
  args: unknown[],
  { form, origin = E2E_BASE_URL }: { form?: Record<string, string>; origin?: string } = {},
): Promise<APIResponse> {
  const headers = { 'next-action': actionId, accept: 'text/x-component', origin };
  const request = pages.get(role)!.request;
  if (!form) return request.post(path, { headers: { ...headers, 'content-type': 'text/plain;charset=UTF-8' }, data: JSON.stringify(args), maxRedirects: 0 });
  // As React's client encodes it: the form's fields under the prefix of its reference $K1, then the
  // arguments as field 0, last (the server resolves $K1 from the fields read before it).
  const multipart = new FormData();
  for (const [name, value] of Object.entries(form)) multipart.append(`_1_${name}`, value);
  multipart.append('0', JSON.stringify([...args, '$K1']));
  return request.post(path, { headers, multipart, maxRedirects: 0 });
}

/** Posts a server-action form as a browser without JavaScript does, with the session of `role`. */
function postForm(role: Role, path: string, fields: Record<string, string>, origin = E2E_BASE_URL): Promise<APIResponse> {
  return pages.get(role)!.request.post(path, { headers: { origin }, multipart: fields, maxRedirects: 0 });
}

/** A refused action as Next.js's client receives it: the status, and the digest that makes the client
 * show the 403 or 404 page; no stack trace. */
async function expectRefusal(response: APIResponse, status: 403 | 404): Promise<void> {
  const body = await response.text();
  expect(response.status(), body).toBe(status);
  expect(body).toContain(`NEXT_HTTP_ERROR_FALLBACK;${status}`);
  expectNoStack(body);
}

function expectNoStack(body: string): void {
  expect(body).not.toMatch(/\n\s+at .+[:(]\d+:\d+\)?/);
  expect(body).not.toContain('node_modules');
}

/** The 403 problem document proxy.ts answers a cross-origin write with. */
async function expectCrossOriginRefusal(response: APIResponse): Promise<void> {
  const body = await response.text();
  expect(response.status(), body).toBe(403);
  expect(response.headers()['content-type']).toContain('application/problem+json');
  expect(JSON.parse(body)).toMatchObject({ status: 403, code: 'forbidden' });
}

/** Opens `path` in a new browser context signed in as `role`, and waits until React has hydrated it. */
async function openAs(browser: Browser, role: Role, path: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL });
  await context.addCookies(await pages.get(role)!.context().cookies());
  const page = await context.newPage();
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  return page;
}

/** From now on the browser of `page` carries the session of `role` instead. */
async function switchSession(page: Page, role: Role): Promise<void> {
  await page.context().clearCookies();
  await page.context().addCookies(await pages.get(role)!.context().cookies());
}

/** Clicks `submit` and returns the status of the server action's answer. */
async function submitAction(page: Page, submit: Locator): Promise<number> {
  const answer = page.waitForResponse((response) => response.request().method() === 'POST' && response.request().headers()['next-action'] !== undefined);
  await submit.click();
  return (await answer).status();
}

const reportsOf = async (id: string) => (await queryE2eDatabase<{ n: number }>('SELECT count(*)::int AS n FROM verification_report WHERE case_id = $1', [id]))[0].n;
const statusOf = async (id: string) => (await queryE2eDatabase<{ status: string }>('SELECT status::text FROM arbitration_case WHERE id = $1', [id]))[0].status;
const casesTitled = async (title: string) => (await queryE2eDatabase<{ n: number }>('SELECT count(*)::int AS n FROM arbitration_case WHERE title = $1', [title]))[0].n;

test.describe('in the browser, the refusal is the page the routes give', () => {
  test('a borrower filing a case on the lender’s form gets the 403 page', async ({ browser }) => {
    const page = await openAs(browser, 'lenderA', '/lender/cases/new');
    const title = `Filed by a borrower ${run}`;
    await fillCaseForm(page, { commission: COMMISSION, borrowerName: BORROWER_1.name, title, evidenceIds: [evidenceId] });
    await switchSession(page, 'borrower1');
    expect(await submitAction(page, page.locator('[data-testid="file-case-form"] button[type="submit"]'))).toBe(403);
    await expect(page.locator('[data-status-page="403"]')).toBeVisible();
    expect(await casesTitled(title)).toBe(0);
    await page.context().close();
  });

  test('a lender pressing the arbitrator’s Verify all gets the 403 page', async ({ browser }) => {
    const page = await openAs(browser, 'arbitrator', `/arbitration/cases/${caseId}`);
    await switchSession(page, 'lenderA');
    expect(await submitAction(page, page.locator('[data-testid="verify-all-form"] button[type="submit"]'))).toBe(403);
    await expect(page.locator('[data-status-page="403"]')).toBeVisible();
    expect(await reportsOf(caseId)).toBe(0);
    await page.context().close();
  });

  for (const [name, forged] of [
    ['a malformed case id', () => 'not-a-case-id'],
    ['another commission’s case id', () => otherCaseId],
  ] as const) {
    test(`the arbitrator’s Verify all and status change with ${name} get the 404 page`, async ({ browser }) => {
      for (const testId of ['verify-all-form', 'advance-under_review']) {
        const page = await openAs(browser, 'arbitrator', `/arbitration/cases/${caseId}`);
        // The case id is bound into the action's arguments; it is swapped on the wire.
        await page.route(
          (url) => url.pathname === `/arbitration/cases/${caseId}`,
          (route) => (route.request().method() === 'POST' ? route.continue({ postData: route.request().postData()!.replaceAll(caseId, forged()) }) : route.continue()),
        );
        const submit = page.locator(testId === 'verify-all-form' ? '[data-testid="verify-all-form"] button[type="submit"]' : `[data-testid="${testId}"]`);
        expect(await submitAction(page, submit), testId).toBe(404);
        await expect(page.locator('[data-status-page="404"]')).toBeVisible();
        await page.context().close();
      }
      for (const id of [caseId, otherCaseId]) {
        expect(await reportsOf(id)).toBe(0);
        expect(await statusOf(id)).toBe('filed');
      }
    });
  }
});

test.describe('replayed without a browser, the refusal is a 403 or 404, never a 500', () => {
  test('another role: a borrower filing a case, a lender, borrower or regulator running Verify all or a status change', async () => {
    const before = { reports: await reportsOf(caseId), status: await statusOf(caseId) };
    const title = `Replayed by a borrower ${run}`;
    const filing = { commissionOrganizationId: '', borrowerId: '', title, evidenceIds: evidenceId };
    await expectRefusal(await callAction('borrower1', '/lender/cases/new', fileCase.actionId, [{ errors: [], values: {} }], { form: filing }), 403);
    for (const role of ['lenderA', 'lenderB', 'borrower1', 'regulator'] as const) {
      const path = `/arbitration/cases/${caseId}`;
      await expectRefusal(await callAction(role, path, verifyAll.actionId, [caseId, { error: null }], { form: {} }), 403);
      await expectRefusal(await callAction(role, path, advance.actionId, [caseId, { error: null }], { form: { to: 'under_review' } }), 403);
      // No target status at all: still the permission's 403, not the form's "failed" message.
      await expectRefusal(await callAction(role, path, advance.actionId, [caseId, { error: null }], { form: {} }), 403);
    }
    expect(await casesTitled(title)).toBe(0);
    expect({ reports: await reportsOf(caseId), status: await statusOf(caseId) }).toEqual(before);
  });

  test('the arbitrator with a malformed case id, or another commission’s', async () => {
    const path = `/arbitration/cases/${caseId}`;
    for (const forged of ['not-a-case-id', '', '../../lender/cases', 42, null, { id: caseId }, [caseId], otherCaseId, randomUUID()]) {
      const label = JSON.stringify(forged);
      const verified = await callAction('arbitrator', path, verifyAll.actionId, [forged, { error: null }], { form: {} });
      await test.step(`Verify all ${label}`, () => expectRefusal(verified, 404));
      const advanced = await callAction('arbitrator', path, advance.actionId, [forged, { error: null }], { form: { to: 'under_review' } });
      await test.step(`status change ${label}`, () => expectRefusal(advanced, 404));
    }
    expect(await reportsOf(otherCaseId)).toBe(0);
    expect(await statusOf(otherCaseId)).toBe('filed');
  });

  test('without JavaScript, the forms posted by another role or with another case id get the 404 page', async () => {
    // Next.js renders forbidden() of a form posted without JavaScript as its not-found page (see the top).
    const bound = (fields: Record<string, string>, id: string) =>
      Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, /^\$ACTION_\d+:1$/.test(name) ? value.replaceAll(caseId, id) : value]));
    const answers: Array<[string, APIResponse]> = [
      ['borrower files a case', await postForm('borrower1', '/lender/cases/new', { ...fileCase.fields, title: `No-JS by a borrower ${run}` })],
      ['lender runs Verify all', await postForm('lenderA', `/arbitration/cases/${caseId}`, verifyAll.fields)],
      ['arbitrator, malformed id', await postForm('arbitrator', `/arbitration/cases/${caseId}`, bound(verifyAll.fields, 'not-a-case-id'))],
      ['arbitrator, other commission', await postForm('arbitrator', `/arbitration/cases/${caseId}`, bound(advance.fields, otherCaseId))],
    ];
    for (const [name, response] of answers) {
      const body = await response.text();
      expect(response.status(), `${name}: ${body.slice(0, 500)}`).toBe(404);
      expect(body, name).toContain('data-status-page="404"');
      expectNoStack(body);
    }
    expect(await casesTitled(`No-JS by a borrower ${run}`)).toBe(0);
    expect(await statusOf(otherCaseId)).toBe('filed');
  });

  test('arguments that are not what the form sends get the form’s own message', async () => {
    // No FormData where the form sends one: the action reads an empty form.
    const advanced = await callAction('arbitrator', `/arbitration/cases/${caseId}`, advance.actionId, [caseId, { error: null }, 'not a form']);
    expect(advanced.status(), await advanced.text()).toBe(200);
    expect(await advanced.text()).toContain('"error":"failed"');
    const filed = await callAction('lenderA', '/lender/cases/new', fileCase.actionId, [{ errors: [], values: {} }]);
    expect(filed.status(), await filed.text()).toBe(200);
    expect(await filed.text()).toContain('"errors":["commissionOrganizationId"');
    expect(await statusOf(caseId)).toBe('filed');
  });

  test('an action id Next.js does not know is its 409, one that cannot be an id its 400', async () => {
    const path = `/arbitration/cases/${caseId}`;
    for (const [actionId, status, message] of [
      ['7f'.repeat(21), 409, 'Server Action unavailable.'],
      ['not-an-action-id', 400, 'Invalid Server Action request.'],
    ] as const) {
      const response = await callAction('arbitrator', path, actionId, [caseId, { error: null }]);
      const body = await response.text();
      expect(response.status(), body).toBe(status);
      expect(body).toBe(message);
    }
  });
});

test('a cross-origin call is refused with a 403, with or without JavaScript, and changes nothing', async () => {
  const path = `/arbitration/cases/${caseId}`;
  for (const origin of [ATTACKER_ORIGIN, 'http://127.0.0.1:1', 'null', 'not a url']) {
    await test.step(origin, async () => {
      await expectCrossOriginRefusal(await callAction('arbitrator', path, verifyAll.actionId, [caseId, { error: null }], { form: {}, origin }));
      await expectCrossOriginRefusal(await callAction('arbitrator', path, advance.actionId, [caseId, { error: null }], { form: { to: 'under_review' }, origin }));
      await expectCrossOriginRefusal(await postForm('arbitrator', path, advance.fields, origin));
      await expectCrossOriginRefusal(await postForm('lenderA', '/lender/cases/new', { ...fileCase.fields, title: `Cross-origin ${run}` }, origin));
    });
  }
  expect(await reportsOf(caseId)).toBe(0);
  expect(await statusOf(caseId)).toBe('filed');
  expect(await casesTitled(`Cross-origin ${run}`)).toBe(0);
  // The same call from the page's own origin goes through: the refusal was the origin's.
  const allowed = await callAction('arbitrator', path, advance.actionId, [caseId, { error: null }], { form: { to: 'under_review' } });
  expect(allowed.status(), await allowed.text()).toBe(200);
  expect(await statusOf(caseId)).toBe('under_review');
});
