/** The aliases an aggregate's statement gives its tables: `t` the rows, `x` the inner select, `r_<name>` a joined relation. */
import { ident } from '../../db/sql.js';

export const T = ident('t');
export const X = ident('x');

/** The alias a statement joins a row's to-one relation under (filters, keys and organisation paths share it). */
export const relationAlias = (name: string) => ident(`r_${name}`);
