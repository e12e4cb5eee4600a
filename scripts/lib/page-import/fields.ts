/**
 * Fields of a notice and of an advert, read from their printed text: what the bidder
 * table and the advert list need. Whatever cannot be read is left out and listed, so
 * an editor knows what to fill in. Pure functions.
 */
import { paper } from '../../../src/config/paper.ts';
import { findChineseDateTimes, halfWidthDigits, PHONE, yuanFrom } from './numbers.ts';
import { isClosingLine } from './paragraphs.ts';

type Contact = { person?: string; phones: string[]; address?: string; label?: string };

export interface NoticeFields {
	kind: '拍卖公告' | '招标公告' | '遗失声明' | '其他公告';
	title: string;
	principal?: string;
	issuer?: string;
	lots: { description: string; quantity?: number; unit?: string; location?: string }[];
	viewing?: { from?: string; until?: string; place?: string };
	auction?: { time?: string; venue?: string };
	/** 招标公告: bid opening time and place (开标时间及地点). */
	bidOpening?: { time?: string; place?: string };
	/** 招标公告: where and when the tender documents are obtained. */
	tenderDocuments?: { from?: string; until?: string; place?: string };
	deposits: { name: string; amountYuan: number }[];
	registrationDeadline?: string;
	contacts: Contact[];
	signedDate?: string;
}

export function noticeKind(title: string): NoticeFields['kind'] {
	if (/拍卖/.test(title)) return '拍卖公告';
	if (/招标|采购|比选|竞争性谈判/.test(title)) return '招标公告';
	if (/遗失|作废/.test(title)) return '遗失声明';
	return '其他公告';
}

const zoned = (date: string, time: string) => `${date}T${time}${paper.utcOffset}`;

/** The text after a label such as 拍卖标的：, up to the end of its sentence. */
function section(text: string, label: RegExp): string | undefined {
	const match = new RegExp(`(?:${label.source})\\s*[:：]\\s*([^。\\n]+)`).exec(text);
	return match?.[1]?.trim();
}

const UNITS = '吨|千克|公斤|立方米|方|平方米|亩|辆|台|套|件|株|块|个|宗|批|间|处|kg|t';

/** A quantity with its unit anywhere in a text: 35.6立方米, 680.29 吨. */
const QUANTITY = new RegExp(`\\d+(?:\\.\\d+)?\\s*(?:${UNITS})(?![a-z])`);

/**
 * A lot's description, quantity and unit. `位于…的680.29吨石英石矿` and `罚没木材一批，共计
 * 35.6立方米` both split; `undefined` quantity with `doubt` when a quantity is written in
 * a way not understood, so the editor is told instead of it staying inside the text.
 */
export function parseLot(text: string): NoticeFields['lots'][number] & { doubt?: boolean } {
	const written = halfWidthDigits(text).trim();
	const trailing = new RegExp(
		`^(.+?)[，,、\\s]*(?:共计|合计|总计|共|计|约|数量为?|数量[:：])?\\s*(\\d+(?:\\.\\d+)?)\\s*(${UNITS})(?:左右)?[。.]?$`,
	).exec(written);
	if (trailing) {
		const [, description, quantity, unit] = trailing as unknown as string[];
		return { description: description!.trim(), quantity: Number(quantity), unit: unit! };
	}
	const match = new RegExp(
		`^(?:存放于|存放在|位于|坐落于|坐落在)?(.*?)(\\d+(?:\\.\\d+)?)\\s*(${UNITS})(?:的)?(.+)$`,
	).exec(written);
	if (!match)
		return QUANTITY.test(written) ? { description: text, doubt: true } : { description: text };
	const [, location, quantity, unit, description] = match as unknown as string[];
	// `旧设备（约3台，以现场为准）`: the number sits inside a remark, not before the lot.
	if (/^[，,。；;、）)]/.test(description!) || /[（(]/.test(location!))
		return { description: text, doubt: true };
	const lot: NoticeFields['lots'][number] = {
		description: description!.trim(),
		quantity: Number(quantity),
		unit: unit!,
	};
	const place = location!.trim().replace(/的$/, '');
	if (place !== '') lot.location = place;
	return lot;
}

/** `…在安康市公共资源交易中心二楼201开标室（举行）` → the place. */
function placeAfter(text: string): string | undefined {
	const match = /(?:在|于|地点[:：]?)\s*([^，,。；;]+?)(?:举行|进行|公开拍卖|展示|召开)?$/.exec(
		text,
	);
	return match?.[1]?.trim() || undefined;
}

function readContacts(lines: string[]): Contact[] {
	const contacts: Contact[] = [];
	let address: string | undefined;
	for (const line of lines) {
		const addressMatch = /^(?:联系)?地址\s*[:：]\s*(.+)$/.exec(line);
		if (addressMatch) {
			address = addressMatch[1]!.trim();
			continue;
		}
		const phoneMatch = /^(联系电话|电话|咨询电话|报名电话|联系方式)\s*[:：]\s*(.+)$/.exec(line);
		if (!phoneMatch) continue;
		const rest = phoneMatch[2]!;
		const phones = [...rest.matchAll(PHONE)].map((match) => match[0].trim());
		const person = rest
			.replace(PHONE, ' ')
			.replace(/联系人\s*[:：]?/, ' ')
			.trim();
		const contact: Contact = { phones, label: phoneMatch[1]! };
		if (person !== '' && Array.from(person).length <= 6) contact.person = person;
		if (address !== undefined) {
			contact.address = address;
			address = undefined;
		}
		contacts.push(contact);
	}
	if (address !== undefined) contacts.push({ phones: [], address });
	return contacts;
}

const DEPOSIT =
	/((?:竞买|履约|投标|报名|参拍|拍卖|意向|诚意)?)保证金(?:为|是)?(?:人民币)?\s*(\d+(?:\.\d+)?)\s*(万)?元/g;

/** A tender notice's bid opening and documents (招标公告), marked for review when unread. */
function readTender(text: string, fields: NoticeFields, unread: string[]): void {
	const openingText = section(
		text,
		/开标(?:时间)?(?:及|和|、|与)?(?:地点)?|投标截止时间(?:及|和|、|与)?开标时间/,
	);
	fields.bidOpening = {};
	if (openingText) {
		const when = findChineseDateTimes(openingText)[0];
		if (when?.time) fields.bidOpening.time = zoned(when.date, when.time);
		const place = placeAfter(openingText.slice(when ? when.index + when.length : 0));
		if (place) fields.bidOpening.place = place;
	}
	if (!fields.bidOpening.time) unread.push('bidOpening.time');
	if (!fields.bidOpening.place) unread.push('bidOpening.place');
	const documentsText = section(text, /招标文件的?获取|获取招标文件/);
	if (documentsText) {
		const dates = findChineseDateTimes(documentsText);
		fields.tenderDocuments = {};
		if (dates.length >= 2) fields.tenderDocuments.from = dates[0]!.date;
		if (dates.length >= 1) fields.tenderDocuments.until = dates.at(-1)!.date;
		const place = placeAfter(documentsText.split(/[，,]/).at(-1) ?? '');
		if (place) fields.tenderDocuments.place = place;
		else unread.push('tenderDocuments.place');
	}
}

/** Reads a notice's fields from its title and printed lines. */
export function readNotice(
	title: string,
	lines: string[],
): { fields: NoticeFields; unread: string[] } {
	const text = lines.join('\n');
	const unread: string[] = [];
	const fields: NoticeFields = {
		kind: noticeKind(title),
		title,
		lots: [],
		deposits: [],
		contacts: readContacts(lines),
	};

	const principal = /受\s*([^，,。委]{2,40}?)\s*(?:的)?委托/.exec(text);
	if (principal) fields.principal = principal[1]!.trim();

	// The signature: an organisation on the line before a date alone on the last line.
	const last = lines.at(-1)?.trim() ?? '';
	const signature = findChineseDateTimes(last);
	if (signature.length === 1 && signature[0]!.length === last.length) {
		fields.signedDate = signature[0]!.date;
		const issuer = lines.at(-2)?.trim();
		if (issuer && !/[:：。，,]/.test(issuer) && !isClosingLine(issuer)) fields.issuer = issuer;
	}

	const lotText = section(text, /拍卖标的|标的物|拍卖物/);
	if (lotText) {
		const { doubt, ...lot } = parseLot(lotText);
		fields.lots.push(lot);
		// A quantity the reader did not understand: the editor splits it by hand.
		if (doubt) unread.push('lots.0.quantity');
	}

	if (fields.kind === '招标公告') readTender(text, fields, unread);

	const auctionText = section(text, /拍卖(?:会)?时间(?:及|和|、|与)?地点/);
	if (auctionText) {
		const when = findChineseDateTimes(auctionText)[0];
		fields.auction = {};
		if (when?.time) fields.auction.time = zoned(when.date, when.time);
		const venue = placeAfter(auctionText.slice(when ? when.index + when.length : 0));
		if (venue) fields.auction.venue = venue;
	}

	const viewingText = section(text, /(?:标的)?(?:展示|看样|查看)时间(?:及|和|、|与)?地点/);
	if (viewingText) {
		const dates = findChineseDateTimes(viewingText);
		const fromPublication = /自本?公告(?:发布|刊登)之日起/.test(viewingText);
		fields.viewing = {};
		if (dates.length >= 2 && !fromPublication) fields.viewing.from = dates[0]!.date;
		if (dates.length >= 1) fields.viewing.until = dates.at(-1)!.date;
		const place = placeAfter(viewingText.split(/[，,]/).at(-1) ?? '');
		if (place) fields.viewing.place = place;
	}

	for (const match of text.matchAll(DEPOSIT)) {
		fields.deposits.push({
			name: `${match[1] ?? ''}保证金`,
			amountYuan: yuanFrom(match[2]!, match[3] === '万'),
		});
	}

	// The deadline: a date and time followed by 前 (before), where bidders pay or register.
	for (const when of findChineseDateTimes(text)) {
		const after = text.slice(when.index + when.length, when.index + when.length + 3);
		if (when.time && /^\s*(?:之)?前/.test(after)) {
			fields.registrationDeadline = zoned(when.date, when.time);
			break;
		}
	}

	if (fields.kind === '拍卖公告') {
		if (fields.lots.length === 0) unread.push('lots');
		if (!fields.auction?.time) unread.push('auction.time');
		if (!fields.auction?.venue) unread.push('auction.venue');
		if (!fields.registrationDeadline) unread.push('registrationDeadline');
	}
	if (!fields.issuer) unread.push('issuer');
	if (fields.viewing && !fields.viewing.until) unread.push('viewing.until');
	if (fields.viewing && !fields.viewing.place) unread.push('viewing.place');
	return { fields, unread };
}

export interface AdvertFields {
	kind: '公益宣传' | '商业广告';
	title?: string;
	sponsor?: string;
	slogans: string[];
	contacts: Contact[];
}

const ORGANISATION = /(?:公司|中心|店|厂|局|行|集团|酒业|商行|超市|医院|学校|协会|办)$/;

/** Reads an advert's fields from its printed lines. */
export function readAdvert(lines: string[]): { fields: AdvertFields; unread: string[] } {
	const fields: AdvertFields = { kind: '公益宣传', slogans: [], contacts: [] };
	let commercial = false;
	for (const line of lines) {
		const sponsorLine = /^[—–-]{1,2}\s*(.+?)\s*宣$/.exec(line) ?? /^(.+?)\s+宣$/.exec(line);
		if (sponsorLine && !new RegExp(PHONE.source).test(line)) {
			fields.sponsor ??= sponsorLine[1]!.trim();
			continue;
		}
		if (/^(.+?)宣$/.test(line) && isClosingLine(line)) {
			fields.sponsor ??= line.slice(0, -1).trim();
			continue;
		}
		if (new RegExp(PHONE.source).test(line)) {
			commercial = true;
			let person: string | undefined;
			for (const token of line.split(/\s+/)) {
				const labelled = /^(.+?)\s*[:：]\s*(.+)$/.exec(token);
				if (labelled && /联系人/.test(labelled[1]!)) {
					person = labelled[2]!;
					continue;
				}
				const phones = [...token.matchAll(PHONE)].map((match) => match[0]);
				if (labelled && phones.length > 0) {
					const contact: Contact = { label: labelled[1]!, phones };
					if (person !== undefined) contact.person = person;
					person = undefined;
					fields.contacts.push(contact);
					continue;
				}
				if (!fields.sponsor && ORGANISATION.test(token)) fields.sponsor = token;
				else if (phones.length === 0) fields.slogans.push(token);
			}
			continue;
		}
		if (/\s\/\s/.test(line)) {
			fields.slogans.push(...line.split(/\s*\/\s*/).filter((part) => part !== ''));
			continue;
		}
		if (fields.title === undefined) fields.title = line;
		else fields.slogans.push(line);
	}
	if (commercial || lines.some((line) => /诚招|经销|热线|优惠|价格|销售/.test(line))) {
		fields.kind = '商业广告';
	}
	const unread: string[] = [];
	if (!fields.title) unread.push('title');
	if (!fields.sponsor) unread.push('sponsor');
	return { fields, unread };
}
