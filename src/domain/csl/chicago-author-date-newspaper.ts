/**
 * The Chicago style as CSL, kept as a module so that Astro's bundle, vitest and plain Node
 * all load it the same way. See the comment inside for what it covers.
 */
export const CHICAGO_AUTHOR_DATE_NEWSPAPER = `<?xml version="1.0" encoding="utf-8"?>
<!--
  A small CSL style written for this archive: the Chicago Manual of Style author-date
  reference-list form for the two kinds of item the archive cites, newspaper items and
  pages of the archive itself. @citation-js/plugin-csl ships only APA, Vancouver and
  Harvard, and the full Chicago style is not on the npm registry as a package; this file
  covers what the site needs and nothing more. Unsigned items are listed under the
  paper's name (CMOS 18, 15.50).
-->
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="en-US">
	<info>
		<title>Chicago author-date: newspaper items and archive pages (news-archive house style)</title>
		<id>chicago-author-date-newspaper</id>
		<updated>2026-12-05T00:00:00+00:00</updated>
	</info>
	<macro name="author">
		<names variable="author">
			<name and="text" delimiter=", " delimiter-precedes-last="always" name-as-sort-order="first"/>
			<substitute>
				<text variable="container-title"/>
				<text variable="publisher"/>
			</substitute>
		</names>
	</macro>
	<macro name="author-short">
		<names variable="author">
			<name form="short" and="text" delimiter=", "/>
			<substitute>
				<text variable="container-title"/>
				<text variable="publisher"/>
			</substitute>
		</names>
	</macro>
	<macro name="year">
		<choose>
			<if variable="issued">
				<date variable="issued">
					<date-part name="year"/>
				</date>
			</if>
			<else>
				<text term="no date" form="short"/>
			</else>
		</choose>
	</macro>
	<macro name="month-day">
		<date variable="issued">
			<date-part name="month" suffix=" "/>
			<date-part name="day"/>
		</date>
	</macro>
	<citation>
		<layout prefix="(" suffix=")" delimiter="; ">
			<group delimiter=" ">
				<text macro="author-short"/>
				<text macro="year"/>
			</group>
		</layout>
	</citation>
	<bibliography>
		<layout suffix=".">
			<group delimiter=". ">
				<text macro="author"/>
				<text macro="year"/>
				<text variable="title" quotes="true"/>
				<group delimiter=", ">
					<text variable="container-title" font-style="italic"/>
					<text macro="month-day"/>
				</group>
				<text variable="URL"/>
			</group>
		</layout>
	</bibliography>
</style>
`;
