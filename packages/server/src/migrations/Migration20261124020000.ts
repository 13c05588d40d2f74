import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes on the dates analysts filter by alone ("survey responses of a quarter", "activities held
 * in March"): without them such a count scans the whole table (30 M responses at province scale).
 * B-tree, not BRIN: the demo data is not loaded in date order (correlation ≈ 0), and a real import
 * need not be either.
 */
export class Migration20261124020000 extends Migration {
  override name = 'Migration20261124020000';

  override up(): void {
    this.addSql(`create index "survey_response_responded_on_index" on "survey_response" ("responded_on");`);
    this.addSql(`create index "activity_held_on_index" on "activity" ("held_on");`);
  }

  override down(): void {
    this.addSql(`drop index if exists "activity_held_on_index";`);
    this.addSql(`drop index if exists "survey_response_responded_on_index";`);
  }
}
