/** The `meta` of a page of a list: `{ page, per_page, total, pages }`, as every list route answers it. */
export const pageMeta = (page: number, perPage: number, total: number) => ({ page, per_page: perPage, total, pages: Math.ceil(total / perPage) });
