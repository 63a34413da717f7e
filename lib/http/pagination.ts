/** Offset arguments for a page (1-based) of `pageSize` rows. */
export function pageWindow(page: number, pageSize: number) {
  return { skip: (page - 1) * pageSize, take: pageSize };
}

/** The pagination fields every paginated JSON answer carries. */
export function pageInfo(total: number, page: number, pageSize: number) {
  return { total, page, page_size: pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
