import { it } from 'vitest';
import { startTestHub } from '../test-support/hub.js';
it('diff', async () => {
  const hub = await startTestHub();
  console.log('DIFF>>>' + (await hub.orm.schema.getUpdateSchemaSQL({ wrap: false })) + '<<<');
  await hub.close();
});
