// accounts.mjs - browser test of account management with playwright-core
// and Debian's chromium: the regional admin disables a member's account
// (the member's open page falls back to the login form and the right
// password is refused), enables it again, and the member changes their
// own password from the French form.
// Usage: node accounts.mjs BASE_URL OUT_DIR
import path from 'node:path';
import { step, open, close, login as loginAt, problems, report } from './lib.mjs';

const [base, outDir] = process.argv.slice(2);
// 401 (disabled account, expired session) and 403 (wrong current password) are answers
const EXPECTED = /401|403/;
const login = (page, email, password) => loginAt(base, page, email, password);
const EMAIL = 'membre3@demo.symbiose.fr';
const NEW_PW = 'nouveau-mot-de-passe-' + Date.now();

const admin = await open('admin', EXPECTED, 900);
const member = await open('member3', EXPECTED, 900);
const card = () => admin.page.locator('#accounts article', { has: admin.page.locator('h2', { hasText: EMAIL }) });
try {
  await step('admin and member log in; only the admin has the accounts page', async () => {
    await login(admin.page, 'admin@demo.symbiose.fr', 'demo-admin-2026');
    await login(member.page, EMAIL, 'demo-membre-2026');
    if (await member.page.isVisible('nav a[href="#/comptes"]')) throw new Error('member sees Comptes');
  });
  await step('admin disables the member: the member is logged out and cannot log in', async () => {
    const page = admin.page;
    await page.click('nav a[href="#/comptes"]');
    await card().waitFor({ timeout: 10000 });
    await card().locator('button', { hasText: 'Désactiver' }).click();
    await card().locator('.account-state', { hasText: 'Désactivé' }).waitFor({ timeout: 10000 });
    await page.screenshot({ path: path.join(outDir, 'comptes.png'), fullPage: true });
    await member.page.goto(base + '/#/flux');
    await member.page.waitForSelector('#login-form', { timeout: 10000 });
    await member.page.fill('#email', EMAIL);
    await member.page.fill('#password', 'demo-membre-2026');
    await member.page.press('#password', 'Enter');
    await member.page.locator('#status', { hasText: 'Adresse ou mot de passe incorrect' }).waitFor({ timeout: 10000 });
  });
  await step('admin enables the member again', async () => {
    await card().locator('button', { hasText: 'Réactiver' }).click();
    await card().locator('.account-state', { hasText: 'Actif' }).waitFor({ timeout: 10000 });
    await login(member.page, EMAIL, 'demo-membre-2026');
  });
  await step('the member changes their password (the current one is checked)', async () => {
    const page = member.page;
    await page.click('nav a[href="#/mot-de-passe"]');
    await page.waitForSelector('#password-form');
    await page.fill('#pw-current', 'pas-le-bon-mot');
    await page.fill('#pw-new', NEW_PW);
    await page.fill('#pw-again', NEW_PW);
    await page.press('#pw-again', 'Enter');
    await page.locator('#status', { hasText: 'Mot de passe actuel incorrect' }).waitFor({ timeout: 10000 });
    await page.fill('#pw-current', 'demo-membre-2026');
    await page.fill('#pw-new', NEW_PW);
    await page.fill('#pw-again', NEW_PW);
    await page.press('#pw-again', 'Enter');
    await page.locator('#status', { hasText: 'Mot de passe changé' }).waitFor({ timeout: 10000 });
    await page.click('#logout');
    await login(page, EMAIL, NEW_PW);
  });
  await step('no page errors', async () => {
    if (problems.length) throw new Error(problems.join('; '));
  });
} finally {
  await close(admin, member);
}
report();
