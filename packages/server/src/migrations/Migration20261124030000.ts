import { Migration } from '@mikro-orm/migrations';

/**
 * "Everything under organisation X" by X's id alone: a GIN index over the ids in each row's
 * materialised path, so a subtree filter is `ancestors(path) @> array[X]` — one indexed predicate
 * with X as a parameter, no lookup of X's path first (a prefix LIKE needs the path as a constant to
 * use its index, which costs a round trip per request).
 */
export class Migration20261124030000 extends Migration {
  override name = 'Migration20261124030000';

  override up(): void {
    this.addSql(
      `create index "organization_ancestors_index" on "organization" using gin ((string_to_array(trim(both '/' from "path"), '/')::int[]));`,
    );
  }

  override down(): void {
    this.addSql(`drop index if exists "organization_ancestors_index";`);
  }
}
