import { Migration } from '@mikro-orm/migrations';

/**
 * Wall displays (大屏, modules/account/display-links.ts): a one-time sign-in link may be a display link, which
 * makes a read-only token for a meeting-room TV instead of a session. Its display's name, days and the page it
 * opens are kept on the link until it is used; an ordinary sign-in link has none of them.
 */
export class Migration20261203130000 extends Migration {
  override name = 'Migration20261203130000';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "sign_in_link" add "display_name" varchar(100) null, add "display_days" int null, add "display_path" varchar(200) null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sign_in_link" drop column "display_name", drop column "display_days", drop column "display_path";`);
  }
}
