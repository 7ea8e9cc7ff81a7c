/*
 * Unit tests for value.c: each typed value in the forms the terms write
 * it, full-width included (the extractor reads NFKC text), and the
 * near-misses it must refuse (dates, article numbers, 1日分).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "value.h"

static int n, failed;

static void
t(enum vtype type, const char *in, const char *norm, const char *raw)
{
	char *s = text_nfkc(in, strlen(in));
	struct value v;
	int found = value_find(type, s, 0, strlen(s), &v);
	int good;

	if (norm == NULL)
		good = !found;
	else
		good = found && strcmp(v.norm, norm) == 0 &&
		    strlen(raw) == v.len && memcmp(s + v.off, raw, v.len) == 0;
	printf("%sok %d %s %s -> %s\n", good ? "" : "not ", ++n,
	    vtype_name(type), in, found ? v.norm : "(none)");
	if (!good) {
		failed = 1;
		if (found)
			printf("# got raw '%.*s'\n", (int)v.len, s + v.off);
	}
	if (found)
		value_release(&v);
	free(s);
}

/* The event a duration or notice counts from, as written ("" for none). */
static void
ev(enum vtype type, const char *in, const char *want)
{
	char *s = text_nfkc(in, strlen(in));
	struct value v;
	int found = value_find(type, s, 0, strlen(s), &v);
	int good = found && strlen(want) == v.evlen &&
	    memcmp(s + v.evoff, want, v.evlen) == 0;

	printf("%sok %d event %s -> %.*s\n", good ? "" : "not ", ++n, in,
	    found ? (int)v.evlen : 0, found ? s + v.evoff : "");
	if (!good)
		failed = 1;
	if (found)
		value_release(&v);
	free(s);
}

static void
l(enum vtype type, const char *norm, const char *want)
{
	char *got = value_label(type, norm, 1);	/* the Japanese labels */
	int good = strcmp(got, want) == 0;

	printf("%sok %d label %s -> %s\n", good ? "" : "not ", ++n, norm, got);
	if (!good)
		failed = 1;
	free(got);
}

/* Every type from every offset of a mixed text: bounds under ASan. */
static void
stress(void)
{
	static const char mix[] = "年率１４．５％、三十日前まで、20,000 円の2倍、"
	    "月額料金の1 ヶ月相当分。前月末日まで翌月の月末まで東京地方裁判所"
	    "、日本国の法令、終了後も存続。1,2,3.4.5%倍円か月ヶ年前";
	char *s = text_nfkc(mix, strlen(mix));
	size_t len = strlen(s), b, e;
	struct value v;
	int t, hits = 0;

	for (b = 0; b < len; b++)
		for (e = b; e <= len; e += 7)
			for (t = 0; t < VT__MAX; t++)
				if (value_find((enum vtype)t, s, b, e, &v)) {
					if (v.off < b || v.off + v.len > e) {
						if (!failed)
							printf("# %s [%zu,%zu) "
							    "-> [%zu,+%zu) %s\n",
							    vtype_name((enum vtype)t),
							    b, e, v.off, v.len,
							    v.norm);
						failed = 1;
					}
					hits++;
					value_release(&v);
				}
	printf("%sok %d stress (%d values inside their ranges)\n",
	    failed ? "not " : "", ++n, hits);
	free(s);
}

int
main(void)
{
	stress();
	t(VT_RATE, "遅延期間につき年14.6%の割合による", "14.6%", "年14.6%");
	t(VT_RATE, "年率１４．５％の遅延損害金", "14.5%", "年率14.5%");
	t(VT_RATE, "年率 10 %", "10%", "年率 10 %");
	t(VT_RATE, "第14条による", NULL, NULL);
	t(VT_DURATION, "1ヶ月間更新される", "P1M", "1ヶ月間");
	t(VT_DURATION, "起算して3か月とします", "P3M", "3か月");
	t(VT_DURATION, "１ヶ年間とします", "P1Y", "1ヶ年間");
	t(VT_DURATION, "2週間", "P2W", "2週間");
	t(VT_DURATION, "8日間は撤回できる", "P8D", "8日間");
	t(VT_DURATION, "翌月の月末までとします", "EONM", "翌月の月末");
	t(VT_DURATION, "期間満了1か月前までに…さらに1年間更新", "P1Y", "1年間");
	t(VT_DURATION, "2018年8月1日から", NULL, NULL);
	t(VT_DURATION, "毎月1日から月末まで", NULL, NULL);
	t(VT_DURATION, "第16条の規定", NULL, NULL);
	t(VT_DURATION, "月額料金の30分の1を1日分の料金", NULL, NULL);
	t(VT_DURATION, "前月末日までに", NULL, NULL);
	t(VT_NOTICE, "廃止日の30日前までに通知", "P30D", "30日前まで");
	t(VT_NOTICE, "１４日前までに", "P14D", "14日前まで");
	t(VT_NOTICE, "２ヶ月前までに", "P2M", "2ヶ月前まで");
	t(VT_NOTICE, "2 か月前までに書面で", "P2M", "2 か月前まで");
	t(VT_NOTICE, "2週間前までに", "P2W", "2週間前まで");
	t(VT_NOTICE, "解約を希望する月の前月末日までに", "EOPM", "前月末日");
	t(VT_NOTICE, "受理した月の翌月末をもって成立", "EOPM", "翌月末");
	t(VT_NOTICE, "1ヶ月間更新される", NULL, NULL);
	t(VT_NOTICE, "前項の規定により", NULL, NULL);
	ev(VT_NOTICE, "変更の効力発生日の30日前までに通知", "変更の効力発生日");
	ev(VT_NOTICE, "当社は、契約者に対し廃止の2ヶ月前までに通知", "廃止");
	ev(VT_NOTICE, "解約を希望する月の前月末日までに", "解約を希望する月");
	ev(VT_NOTICE, "受理した月の翌月末をもって成立", "受理した月");
	ev(VT_NOTICE, "30日前までに通知します", "");
	ev(VT_NOTICE, "翌月の30日前", "");
	ev(VT_DURATION, "契約書面を受領した日から8日以内", "契約書面を受領した日");
	ev(VT_DURATION, "開通日から起算して6か月", "開通日");
	ev(VT_DURATION, "第5条に定める利用契約の成立日から1ヶ月間", "利用契約の成立日");
	ev(VT_DURATION, "次月からの１ヶ年間", "次月");
	ev(VT_NOTICE, "at least 30 days before the change takes effect",
	    "the change takes effect");
	ev(VT_NOTICE, "30 days prior to the effective date, unless required",
	    "the effective date");
	ev(VT_DURATION, "within 14 days of purchase and receive", "purchase");
	ev(VT_NOTICE, "60 days' prior written notice to you", "");
	t(VT_SLA, "月間稼働率99.9%以上を保証", "99.9%", "99.9%");
	t(VT_SLA, "a monthly uptime percentage of at least 99.95%", "99.95%",
	    "99.95%");
	t(VT_SLA, "連続して24時間以上利用できなかったとき", "outage PT24H",
	    "24時間");
	t(VT_SLA, "unavailable for 8 consecutive hours", "outage PT8H",
	    "8 consecutive hours");
	t(VT_SLA, "30分以上利用不能となったとき", "outage PT30M", "30分");
	t(VT_SLA, "料金の10%を減額します", NULL, NULL);
	t(VT_SLA, "稼働率の目標は定めません。年14.6%", NULL, NULL);
	t(VT_RETENTION, "終了した日から30日間データを保管し、その後削除します",
	    "P30D", "30日間");
	t(VT_RETENTION, "契約者のデータを直ちに消去します", "none", "消去");
	t(VT_RETENTION, "データについての保管義務を負わず", "none",
	    "保管義務を負わ");
	t(VT_RETENTION, "登録抹消後一定期間データを残し、その後データを削除します",
	    "period", "削除");
	t(VT_RETENTION, "we will delete your content within 60 days", "P60D",
	    "60 days");
	t(VT_RETENTION, "if you delete your account, you lose access", NULL,
	    NULL);
	t(VT_RETENTION, "アカウントを削除できます", NULL, NULL);
	t(VT_AMOUNT, "20,000 円/回", "20000 JPY", "20,000 円");
	t(VT_AMOUNT, "５，０００円", "5000 JPY", "5,000円");
	t(VT_MULTIPLE, "免れた額の2倍に相当する額", "2x", "2倍");
	t(VT_MULTIPLE, "２倍", "2x", "2倍");
	t(VT_CAP, "月額料金の1か月分を超えない", "1 month fee", "1か月分");
	t(VT_CAP, "月額利用料金の 1 ヶ月相当分を上限", "1 month fee",
	    "1 ヶ月相当分");
	t(VT_CAP, "100,000円を限度とする", "100000 JPY", "100,000円");
	t(VT_CAP, "1万円を上限として賠償", "10000 JPY", "1万円");
	t(VT_CAP, "金10,000円を超えない範囲で", "10000 JPY", "10,000円");
	t(VT_CAP, "is limited to us$50.", "50 USD", "us$50");
	t(VT_CAP, "limited to one hundred u.s. dollars (us$100).", "100 USD",
	    "one hundred u.s. dollars");
	t(VT_CAP, "the greater of $100 or the fees paid in the past 12 months",
	    "greater of 100 USD or 12 month fee", "$100 or the fees paid in the "
	    "past 12 months");
	t(VT_CAP, "exceed the greater of two hundred u.s. dollars (u.s. $200.00) "
	    "or the amount you paid parler, if any, in the past six months",
	    "greater of 200 USD or 6 month fee", "two hundred u.s. dollars "
	    "(u.s. $200.00) or the amount you paid parler, if any, in the past "
	    "six months");
	t(VT_CAP, "shall not exceed six months' fees", "6 month fee",
	    "six months' fees");
	t(VT_CAP, "当該損害が発生した月にユーザーが支払った利用料金を上限",
	    "1 month fee", "発生した月");
	t(VT_CAP, "過去12か月に支払った金額を上限", "12 month fee", "過去12か月");
	t(VT_CAP, "直近1年間の利用料金の総額を上限", "12 month fee", "直近1年間");
	t(VT_CAP, "支払った一月分の料金を上限として", "1 month fee", "一月分");
	t(VT_CAP, "利用者が支払った利用料金を限度として", "fees paid", "支払った");
	t(VT_CAP, "capped at €50", "50 EUR", "€50");
	t(VT_COURT, "東京地方裁判所をもって第一審の専属管轄裁判所",
	    "東京地方裁判所 (exclusive, first instance)", "東京地方裁判所");
	t(VT_COURT, "東京地方裁判所をもって第一審の管轄裁判所とします",
	    "東京地方裁判所 (first instance)", "東京地方裁判所");
	t(VT_COURT, "訴額に応じて、東京簡易裁判所又は東京地方裁判所を専属的合意管轄",
	    "東京簡易裁判所/東京地方裁判所 (exclusive)",
	    "東京簡易裁判所又は東京地方裁判所");
	t(VT_COURT, "当社の本店所在地を管轄する裁判所を専属的合意管轄とします",
	    "当社所在地 (exclusive)", "所在地");
	t(VT_COURT, "brought exclusively in the state or federal courts located "
	    "in delaware.", "Delaware (exclusive)", "courts located in delaware");
	t(VT_COURT, "exclusively in state or federal courts located in santa "
	    "clara county, california (except for small claims",
	    "Santa Clara County, California (exclusive)",
	    "courts located in santa clara county, california");
	t(VT_COURT, "resolved exclusively by the united states district court "
	    "for the northern district of california or a california state "
	    "court", "United States District Court for the Northern District of "
	    "California (exclusive)", "united states district court for the "
	    "northern district of california");
	t(VT_COURT, "any court of competent jurisdiction", NULL, NULL);
	t(VT_COURT, "訴えについては、大阪地方裁判所を", "大阪地方裁判所",
	    "大阪地方裁判所");
	t(VT_COURT, "専属管轄裁判所とします", NULL, NULL);
	t(VT_LAW, "準拠法は、日本法とします", "日本法", "日本法");
	t(VT_LAW, "準拠法は、日本国の法令とします", "日本法", "日本国の法令");
	t(VT_LAW, "準拠法は定めない", NULL, NULL);
	t(VT_LAW, "本規約の準拠法は日本とし", "日本法", "準拠法は日本");
	t(VT_LAW, "本規約は、大韓民国の法令に従って規律され", "大韓民国法",
	    "大韓民国の法令");
	t(VT_LAW, "governed by the federal arbitration act, and the laws of the "
	    "state of delaware, without regard to", "Delaware",
	    "laws of the state of delaware");
	t(VT_LAW, "the laws of nevada will govern these terms", "Nevada",
	    "laws of nevada");
	t(VT_LAW, "governed by the laws of england and wales", "England and Wales",
	    "laws of england and wales");
	t(VT_LAW, "governed by the laws of the netherlands.", "Netherlands",
	    "laws of the netherlands");
	t(VT_LAW, "governed by the law of the country where you live. in all "
	    "other cases, the laws of the state of california", "California",
	    "laws of the state of california");
	t(VT_LAW, "governed by the law of the jurisdiction in which you live",
	    "law of residence", "law of");
	t(VT_AGE, "you must be at least 13 years old", "13", "13");
	t(VT_AGE, "anyone under the age of 13 is not allowed", "13", "13");
	t(VT_AGE, "満18歳以上の方", "18", "18");
	t(VT_AGE, "within 30 days", NULL, NULL);
	t(VT_ARBITRATION, "final and binding arbitration by aaa (u.s.)", "AAA",
	    "aaa");
	t(VT_ARBITRATION, "decided by confidential arbitration in nevada, usa in "
	    "accordance with the rules of the american arbitration association",
	    "AAA (Nevada)", "american arbitration association");
	t(VT_ARBITRATION, "the arbitration will be administered by nam", "NAM",
	    "nam");
	t(VT_ARBITRATION, "we love programs", NULL, NULL);
	t(VT_SURVIVAL, "利用契約終了後も1年間有効に存続する", "P1Y", "1年間");
	t(VT_SURVIVAL, "当サービス完了後も存続するものとします", "indefinite",
	    "存続");
	t(VT_SURVIVAL, "秘密を漏洩してはならない", NULL, NULL);
	t(VT_PRESENCE, "何でも", NULL, NULL);
	t(VT_NOTICE, "廃止日の三十日前までに", "P30D", "三十日前まで");
	t(VT_DURATION, "起算して三か月とする", "P3M", "三か月");
	t(VT_MULTIPLE, "その二倍に相当する額", "2x", "二倍");
	t(VT_DURATION, "同一日に", NULL, NULL);
	/* English (the matrix folds ASCII to lower case first). */
	t(VT_NOTICE, "with 30 days' prior written notice", "P30D",
	    "30 days' prior");
	t(VT_NOTICE, "thirty (30) days before", "P30D", "thirty (30) days before");
	t(VT_DURATION, "an initial term of one year", "P1Y", "one year");
	t(VT_DURATION, "monthly fees", NULL, NULL);
	t(VT_DURATION, "someone month", NULL, NULL);
	t(VT_RATE, "14.6% per annum", "14.6%", "14.6%");
	t(VT_AMOUNT, "up to jpy 100,000 in total", "100000 JPY", "jpy 100,000");
	t(VT_AMOUNT, "50,000 yen", "50000 JPY", "50,000 yen");
	t(VT_MULTIPLE, "2 times the fees", "2x", "2 times");
	t(VT_COURT, "the tokyo district court has", "Tokyo District Court",
	    "tokyo district court");
	t(VT_LAW, "governed by the laws of japan", "日本法", "laws of japan");
	t(VT_SURVIVAL, "this survives for 2 years", "P2Y", "2 years");
	t(VT_DURATION, "第三条による一部の変更", NULL, NULL);
	l(VT_SLA, "outage PT24H", "連続24時間の利用不能で返金");
	l(VT_SLA, "outage PT30M", "連続30分の利用不能で返金");
	l(VT_SLA, "99.9%", "99.9%");
	l(VT_RETENTION, "none", "終了時に削除（保管なし）");
	l(VT_RETENTION, "period", "一定期間保管後に削除");
	l(VT_RETENTION, "P30D", "30日");
	l(VT_NOTICE, "P30D", "30日前");
	l(VT_DURATION, "P3M", "3か月");
	l(VT_DURATION, "P1Y", "1年");
	l(VT_NOTICE, "EOPM", "前月末日まで");
	l(VT_NOTICE, "EONM", "翌月末に終了");
	l(VT_CAP, "1 month fee", "月額料金の1か月分");
	l(VT_CAP, "1000000 JPY", "1,000,000円");
	l(VT_MULTIPLE, "2x", "2倍");
	l(VT_RATE, "14.6%", "14.6%");
	l(VT_SURVIVAL, "indefinite", "期限なし");
	l(VT_PRESENCE, "yes", "あり");
	l(VT_COURT, "東京地方裁判所", "東京地方裁判所");
	l(VT_COURT, "東京地方裁判所 (exclusive, first instance)",
	    "東京地方裁判所（専属・第一審）");
	l(VT_COURT, "東京地方裁判所 (first instance)", "東京地方裁判所（第一審）");
	l(VT_CAP, "100 USD", "US$100");
	l(VT_CAP, "greater of 100 USD or 12 month fee",
	    "US$100と月額料金の12か月分の高い方");
	l(VT_CAP, "fees paid", "支払済みの料金");
	return failed;
}
