// Global data for the site, as in the blog starter.
export const SITE_TITLE = '报纸档案（基准）';
export const SITE_DESCRIPTION = '用 Astro 博客模板搭建的报纸档案，作为性能基准。';
