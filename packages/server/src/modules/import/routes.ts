/**
 * `GET /import/template/<kind>.xlsx`: a kind's import template (template.ts), for a signed-in committee
 * member or branch secretary (the roles that write); 401 for nobody signed in, 403 for other roles.
 */
import express from 'express';
import { KINDS } from './import.service.js';
import { templateWorkbook } from './template.js';

export interface ImportRoutes {
  /** Who may download: 'ok', or the HTTP status of a refusal (401 nobody signed in, 403 a role that does not write). */
  writer(req: express.Request, res: express.Response): Promise<'ok' | 401 | 403>;
}

const REFUSAL = {
  401: { zh: '请先登录', en: 'sign in first', reason: 'auth/required' },
  403: {
    zh: '只有党委（党办）和支部书记账号可以导入',
    en: 'only committee and branch secretary accounts import',
    reason: 'auth/forbidden',
  },
} as const;

export function importRoutes(o: ImportRoutes): express.Router {
  const router = express.Router();
  router.get('/import/template/:file', (req, res, next) => {
    const kind = /^([a-z]+)\.xlsx$/.exec(String(req.params.file))?.[1];
    if (!kind || !(kind in KINDS)) return void res.status(404).json({ error: 'no such template / 没有这个模板' });
    o.writer(req, res)
      .then(async (allowed) => {
        if (allowed !== 'ok') return void res.status(allowed).json(REFUSAL[allowed]);
        const body = await templateWorkbook(KINDS[kind as keyof typeof KINDS].sheets);
        res
          .status(200)
          .set('cache-control', 'no-store')
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .attachment(`${kind}-template.xlsx`)
          .send(body);
      })
      .catch(next);
  });
  return router;
}
