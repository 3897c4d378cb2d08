import type { Migration } from '@smartcourse/platform';

/**
 * Courses and their outline. The search vector is generated from title (weight A) and summary
 * (B) and indexed with GIN, so the catalog ranks with `ts_rank` on the index. Positions are
 * unique per parent, checked at commit, so a reorder can swap them inside its transaction.
 */
export const courses: Migration = {
  name: '0001_courses',
  async up(db) {
    await db.schema.createTable('courses', (table) => {
      table.uuid('id').primary();
      table.text('slug').notNullable().unique();
      table.uuid('instructor_id').notNullable().index();
      table.text('title').notNullable();
      table.text('summary').notNullable();
      table.text('description');
      table.text('category');
      table.specificType('tags', 'text[]').notNullable().defaultTo('{}');
      table.text('level').notNullable();
      table.text('language').notNullable();
      table.integer('price_cents').notNullable();
      table.text('currency').notNullable();
      table.text('thumbnail_url');
      table.text('status').notNullable().defaultTo('draft');
      table.integer('structure_version').notNullable().defaultTo(0);
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp('published_at', { useTz: true });
      table.timestamp('first_published_at', { useTz: true });
      table.timestamp('archived_at', { useTz: true });
    });
    await db.raw(`alter table courses add constraint courses_status_check check (status in ('draft', 'published', 'unpublished', 'archived'))`);
    await db.raw(`alter table courses add constraint courses_level_check check (level in ('beginner', 'intermediate', 'advanced'))`);
    await db.raw(`alter table courses add constraint courses_price_check check (price_cents >= 0)`);
    await db.raw(
      `alter table courses add column search tsvector generated always as (
         setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B')
       ) stored`,
    );
    // No pending list: a search never scans entries not yet merged into the index (the catalog is read far more than written).
    await db.raw(`create index courses_search_idx on courses using gin (search) with (fastupdate = off)`);
    await db.raw(`create index courses_tags_idx on courses using gin (tags)`);
    await db.raw(`create index courses_catalog_idx on courses (status, published_at desc, id)`);
    await db.raw(`create index courses_catalog_title_idx on courses (status, lower(title), id)`);
    await db.raw(`create index courses_catalog_price_idx on courses (status, price_cents, id)`);

    await db.schema.createTable('modules', (table) => {
      table.uuid('id').primary();
      table.uuid('course_id').notNullable().references('id').inTable('courses').onDelete('CASCADE');
      table.text('title').notNullable();
      table.integer('position').notNullable();
    });
    await db.raw(`alter table modules add constraint modules_position_unique unique (course_id, position) deferrable initially deferred`);

    await db.schema.createTable('lessons', (table) => {
      table.uuid('id').primary();
      table.uuid('course_id').notNullable().references('id').inTable('courses').onDelete('CASCADE').index();
      table.uuid('module_id').notNullable().references('id').inTable('modules').onDelete('CASCADE');
      table.text('title').notNullable();
      table.text('kind').notNullable();
      table.integer('duration_minutes').notNullable();
      table.boolean('is_preview').notNullable().defaultTo(false);
      table.boolean('required').notNullable().defaultTo(true);
      table.integer('position').notNullable();
      // The body document of this revision (the document store keeps it under lesson id + revision).
      table.text('body_revision').notNullable();
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
    await db.raw(`alter table lessons add constraint lessons_kind_check check (kind in ('theory', 'video', 'quiz', 'practice'))`);
    await db.raw(`alter table lessons add constraint lessons_position_unique unique (module_id, position) deferrable initially deferred`);
  },
  async down(db) {
    await db.schema.dropTable('lessons');
    await db.schema.dropTable('modules');
    await db.schema.dropTable('courses');
  },
};
