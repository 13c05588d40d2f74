/**
 * Scalars shared by the schema. Dates are calendar dates ("YYYY-MM-DD" strings, as MikroORM maps
 * PostgreSQL `date`), so no time-zone shift can move a meeting to the previous day.
 */
import { LocalDateResolver } from 'graphql-scalars';

export const LocalDate = LocalDateResolver;
