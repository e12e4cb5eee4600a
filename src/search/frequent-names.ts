/**
 * Names the archive's own text mentions often, for 您是否要找 (`suggest.ts`) beside the
 * people collection's. The archive has no tagged names, so a name is taken only where
 * newspaper style sets one off: right after a title or office (国家主席江泽民, 记者尹鸿祝)
 * and right before a verb of speech, a form of address or punctuation (…说, …同志, …，).
 * Its first character must be a common surname, and it must be mentioned at least
 * `MIN_MENTIONS` times across the archive. On the People's Daily corpus of January 1998
 * this finds 159 names at three mentions or more (leaders, officials, and reporters from
 * their credits), and a reading of the list found nothing that is not a name
 * (src/search/README.md, "Names heard, not read").
 */

/** Each shard's name counts, written beside its bundle and cached with it. */
export const SHARD_NAMES_FILE = 'archive-shard-names.txt';

/** Mentions across the archive for a name to be offered. */
export const MIN_MENTIONS = 3;

/** Most frequent names kept in `names.json`, which a reader loads when a word is found nowhere. */
export const MAX_FREQUENT_NAMES = 2000;

/** Titles and offices that newspaper style sets directly before a name. */
const TITLES = [
	'国家主席',
	'总书记',
	'委员长',
	'副委员长',
	'副总理',
	'总理',
	'主席',
	'书记',
	'副部长',
	'部长',
	'副省长',
	'省长',
	'副市长',
	'市长',
	'县长',
	'主任',
	'局长',
	'院长',
	'校长',
	'董事长',
	'总经理',
	'厂长',
	'大使',
	'总统',
	'首相',
	'外长',
	'司令员',
	'政委',
	'教授',
	'记者',
	'通讯员',
	'代表',
];

/** What follows a name in such a sentence: speech, address, an action, a credit, or punctuation. */
const AFTER = [
	'同志',
	'先生',
	'女士',
	'说',
	'表示',
	'指出',
	'强调',
	'会见',
	'发表',
	'主持',
	'出席',
	'在',
	'和',
	'等',
	'一行',
	'摄',
	'报道',
	'，',
	'。',
	'、',
	'；',
	'：',
	'（',
	'”',
];

/**
 * Common single-character surnames. 时 and 党 are surnames too but are left out: in news
 * text they begin a word (…时强调, 党中央) far more often than a name.
 */
const SURNAMES = new Set(
	'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝',
);

/**
 * Two or three characters between a title and what follows a name, the shortest that fits.
 * Han as the CJK blocks of the Basic Multilingual Plane, without the `u` flag: a third
 * faster than `\p{Script=Han}` on the corpus, and names are written in those blocks.
 */
const MENTION = new RegExp(
	// The class of first characters lets the engine skip most positions at once.
	`(?=[${[...new Set(TITLES.map((title) => title[0]))].join('')}])` +
		`(?:${[...TITLES].sort((a, b) => b.length - a.length).join('|')})` +
		`([\\u3400-\\u9fff]{2,3}?)(?=${AFTER.join('|')})`,
	'g',
);

/** A captured run that ends in a verb or names a body, not a person (…时强调, 党中央). */
const NOT_A_NAME = /(?:说|强调|指出|表示|中央)$/;

/** Adds the names mentioned in `text` to `counts`. */
export function countNameMentions(text: string, counts: Map<string, number>): void {
	for (const match of text.matchAll(MENTION)) {
		const name = match[1]!;
		if (!SURNAMES.has(name[0]!) || NOT_A_NAME.test(name)) continue;
		counts.set(name, (counts.get(name) ?? 0) + 1);
	}
}

/** A shard's counts as text: `name<TAB>count` a line, sorted by name. */
export function shardNameList(counts: ReadonlyMap<string, number>): string {
	return [...counts]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([name, count]) => `${name}\t${count}\n`)
		.join('');
}

/** Reads `shardNameList`'s text back. */
export function parseShardNameList(text: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const line of text.split('\n')) {
		if (line === '') continue;
		const [name, count] = line.split('\t');
		const mentions = Number(count);
		if (!name || !Number.isInteger(mentions) || mentions < 1) {
			throw new Error(`not a line of a shard's name list: ${JSON.stringify(line)}`);
		}
		counts.set(name, mentions);
	}
	return counts;
}

/**
 * The names mentioned at least `minMentions` times over every shard, most mentioned
 * first (then by code point, so the order never depends on the shards' order).
 */
export function frequentNames(
	lists: readonly ReadonlyMap<string, number>[],
	minMentions = MIN_MENTIONS,
	most = MAX_FREQUENT_NAMES,
): string[] {
	const total = new Map<string, number>();
	for (const list of lists) {
		for (const [name, count] of list) total.set(name, (total.get(name) ?? 0) + count);
	}
	return [...total]
		.filter(([, count]) => count >= minMentions)
		.sort(([a, left], [b, right]) => right - left || (a < b ? -1 : a > b ? 1 : 0))
		.slice(0, most)
		.map(([name]) => name);
}
