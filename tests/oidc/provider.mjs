// A real OpenID Connect provider for the single sign-on tests (oidc-provider, pinned in package.json).
//
// Started once per test session by tests/oidc/server.py:  node tests/oidc/provider.mjs
// Environment: OIDC_PORT, OIDC_CLIENTS (JSON list of client metadata), OIDC_ACCOUNTS (JSON: login -> claims).
// devInteractions gives the login form (any password); consent is granted for the registered clients.
//
// Test hook, bound to 127.0.0.1 like the rest: GET /__test/next-id-token?mode=<mode> makes the next token answer
// carry a bad ID token: `wrong-audience` and `expired` are signed with the provider's real key,
// `tampered` changes the e-mail claim and keeps the original signature.
import * as jose from 'jose';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS);
const clients = JSON.parse(process.env.OIDC_CLIENTS);

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await jose.exportJWK(privateKey)), kid: 'test-signing-key', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [signingKey] },
  cookies: { keys: ['test-only-cookie-key'] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username', 'groups'],
  },
  conformIdTokenClaims: false, // the claims go into the ID token, as Entra ID does
  findAccount: async (ctx, id) => (accounts[id]
    ? { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) }
    : undefined),
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

let nextMode = null;
const b64 = (object) => Buffer.from(JSON.stringify(object)).toString('base64url');

async function spoil(idToken, mode) {
  const [header, , signature] = idToken.split('.');
  const claims = jose.decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'tampered') return `${header}.${b64({ ...claims, email: 'chef@albertslund.dk' })}.${signature}`;
  if (mode === 'wrong-audience') claims.aud = 'another-application';
  else if (mode === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  else throw new Error(`unknown mode ${mode}`);
  return new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: signingKey.kid }).sign(privateKey);
}

provider.use(async (ctx, next) => {
  if (ctx.path === '/__test/next-id-token') {
    nextMode = ctx.query.mode;
    ctx.body = { mode: nextMode };
    return;
  }
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && nextMode && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: await spoil(ctx.body.id_token, nextMode) };
    nextMode = null;
  }
});

provider.listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
