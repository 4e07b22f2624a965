"""The words of the council figures: titles, definitions, group and measure names, chart axes.

The register names its figures, groups and measures with English identifiers and defines each
figure in an English sentence (counter_app/records/statistics.py, `DEFINITIONS`). `ENGLISH` is
those words for people; `JAPANESE` is the council report's own words (a printed document of the
municipality, in Japanese whatever language the window speaks). The window translates `ENGLISH`
through Qt (ui/pages/supervisor/statistics_texts.py), and a test checks that its Japanese
translations are these very sentences, so the page and the printed report never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from counter_app.records.statistics import DEFINITIONS, NO_POSTAL_CODE


@dataclass(frozen=True)
class Municipality:
    """Whose figures these are: the name and the local government code the report carries."""

    name: str
    code: str


@dataclass(frozen=True)
class CouncilTexts:
    """Every word the council figures are shown with, in one language."""

    report_title: str
    municipality: str  # "Municipality: {name} ({code})"
    period: str  # "Period: {start} to {end}; holding rates on {end}"
    generated: str  # "Computed at {moment}"
    suppression: str  # "Counts from 1 to {below} are shown as {marker} ..."
    definition: str  # the heading before a figure's definition
    all_rows: str  # the label of a figure without groups
    count_axis: str
    rate_axis: str
    titles: Mapping[str, str]  # figure key -> title
    definitions: Mapping[str, str]  # figure key -> definition
    words: Mapping[str, str]  # group, measure and label identifiers -> words

    def word(self, identifier: str) -> str:
        """An identifier (a group, a measure, a label such as 'female') in words; a label
        without words (a postal code, a month, a step) as it is."""
        return self.words.get(identifier, identifier)

    def title(self, key: str) -> str:
        return self.titles.get(key, key)

    def defined(self, key: str) -> str:
        return self.definitions.get(key, "")

    def translated(self, translate: Callable[[str], str]) -> CouncilTexts:
        """The same texts, each passed through `translate` (the window's Qt translation)."""

        def each(table: Mapping[str, str]) -> Mapping[str, str]:
            return MappingProxyType({k: translate(v) for k, v in table.items()})

        return CouncilTexts(
            report_title=translate(self.report_title),
            municipality=translate(self.municipality),
            period=translate(self.period),
            generated=translate(self.generated),
            suppression=translate(self.suppression),
            definition=translate(self.definition),
            all_rows=translate(self.all_rows),
            count_axis=translate(self.count_axis),
            rate_axis=translate(self.rate_axis),
            titles=each(self.titles),
            definitions=each(self.definitions),
            words=each(self.words),
        )

    def strings(self) -> list[str]:
        """Every text, in a fixed order (for the test that the window marks each one)."""
        return [
            self.report_title,
            self.municipality,
            self.period,
            self.generated,
            self.suppression,
            self.definition,
            self.all_rows,
            self.count_axis,
            self.rate_axis,
            *self.titles.values(),
            *self.definitions.values(),
            *self.words.values(),
        ]


ENGLISH: Final = CouncilTexts(
    report_title="Resident card figures for the council",
    municipality="Municipality: {name} (local government code {code})",
    period="Period: {start} to {end} (holding rates on {end})",
    generated="Computed at {moment}",
    suppression="Counts from 1 to {below} are shown as {marker}, so that no small group "
    "points at a person.",
    definition="Definition",
    all_rows="all",
    count_axis="Count",
    rate_axis="Holding rate (%)",
    titles=MappingProxyType(
        {
            "holding_rate": "Holding rate, overall",
            "holding_rate.age_sex": "Holding rate by age band and sex",
            "holding_rate.district": "Holding rate by district (postal code)",
            "holding_rate.nationality": "Holding rate, Japanese and foreign residents",
            "cards.monthly": "Issuances, re-issues, free issuances, returns and suspensions "
            "per month",
            "identity_lookups": "Uses of identity data per purpose",
            "services.installs": "Services installed on cards",
            "services.uses": "Uses of services on the card",
        }
    ),
    definitions=MappingProxyType(dict(DEFINITIONS)),
    words=MappingProxyType(
        {
            "age_band": "Age band",
            "sex": "Sex",
            "district": "District",
            "nationality": "Nationality",
            "month": "Month",
            "purpose": "Purpose",
            "outcome": "Outcome",
            "service": "Service",
            "step": "Step",
            "cards": "Cards in force",
            "residents": "Residents",
            "rate": "Holding rate",
            "issued": "Issued",
            "reissued": "Re-issued",
            "free": "Free issuance",
            "returned": "Returned",
            "suspended": "Suspended",
            "lookups": "Look-ups",
            "installs": "Installed",
            "uses": "Uses",
            "male": "male",
            "female": "female",
            "unknown": "unknown",
            "not_applicable": "not applicable",
            "japanese": "Japanese",
            "foreign": "foreign",
            "ok": "done",
            "allowed": "allowed",
            "refused": "refused",
            "failed": "failed",
            NO_POSTAL_CODE: "(none)",
            "card-issuance": "card issuance",
            "card-service": "card services",
            "identity-check": "identity check",
            "licence-return-exemption": "free issuance for a returned licence",
            "multipurpose-services": "multipurpose services",
            "rent-arrears": "rent arrears",
            "certificate-kiosk": "certificate kiosk",
            "library-desk": "library desk",
            "supervision": "supervision",
            "library": "library",
            "certificate_kiosk": "certificate kiosk",
        }
    ),
)

JAPANESE: Final = CouncilTexts(
    report_title="住民基本台帳カードの統計資料（議会提出用）",
    municipality="団体名：{name}（地方公共団体コード {code}）",
    period="対象期間：{start}から{end}まで（保有枚数率は{end}現在）",
    generated="集計日時：{moment}",
    suppression="個人が特定されることのないよう、1以上{below}以下の件数は「{marker}」と表示しています。",
    definition="定義",
    all_rows="全体",
    count_axis="件数",
    rate_axis="保有枚数率（％）",
    titles=MappingProxyType(
        {
            "holding_rate": "保有枚数率（全体）",
            "holding_rate.age_sex": "年齢階級別・男女別の保有枚数率",
            "holding_rate.district": "地区（郵便番号）別の保有枚数率",
            "holding_rate.nationality": "日本人住民・外国人住民別の保有枚数率",
            "cards.monthly": "月別の交付・再交付・無料交付・返納・一時停止の件数",
            "identity_lookups": "利用目的別の本人確認情報の利用件数",
            "services.installs": "カードへの多目的利用サービスの搭載件数",
            "services.uses": "カードの多目的利用サービスの利用件数",
        }
    ),
    definitions=MappingProxyType(
        {
            "holding_rate": "期間の末日において有効なカードの枚数を、同日に生存している住民の数で"
            "除したもの。有効なカードとは、期間の末日における状態（同日までの最後の状態変更による"
            "もの。交付後に状態変更のないカードは有効）が有効であり、同日以前に交付され、有効期限が"
            "同日以後であって、その保有者が同日に生存している住民であるものをいう。同日に生存して"
            "いる住民とは、記録の状態が「住民」である者、又は同日より後に転出し、若しくは死亡した"
            "者をいう。",
            "holding_rate.age_sex": "5歳刻みの年齢階級（期間の末日における年齢。100歳以上は"
            "一つの階級とする。）及び性別（ISO 5218）ごとの保有枚数率。",
            "holding_rate.district": "地区ごとの保有枚数率。地区は住民の住所の郵便番号とし、"
            "記録に郵便番号のない住民は「（郵便番号なし）」として一つにまとめる。",
            "holding_rate.nationality": "日本人住民（国籍の記録がない者又は国籍がJPNの者）と"
            "外国人住民の別による保有枚数率。",
            "cards.monthly": "期間内の月ごとに、新規交付（住民にとって最初のカード）、再交付"
            "（以前にカードを持っていた住民への交付）及び無料交付（手数料の免除を受けた申請による"
            "交付）を交付日により、返納及び一時停止をカードの状態を変更した日により数えたもの。",
            "identity_lookups": "期間内の住民基本台帳の本人確認情報の利用（検索、記録の閲覧、"
            "住民のカードの照会、住民票コードの表示）を、利用目的及び結果（許可又は拒否）ごとに"
            "監査記録から数えたもの。",
            "services.installs": "期間内にカードに搭載したサービスの件数（サービスごと）。"
            "再交付したカードに引き継いだサービスは改めて数えない。",
            "services.uses": "期間内のカードのサービスの利用件数を、サービス、手順及び結果ごとに"
            "監査記録から数えたもの（図書館窓口で記録される各手順、自動交付機が交付し又は拒否した"
            "各証明書）。",
        }
    ),
    words=MappingProxyType(
        {
            "age_band": "年齢階級",
            "sex": "性別",
            "district": "地区",
            "nationality": "国籍の区分",
            "month": "月",
            "purpose": "利用目的",
            "outcome": "結果",
            "service": "サービス",
            "step": "手順",
            "cards": "有効カード枚数",
            "residents": "住民数",
            "rate": "保有枚数率",
            "issued": "交付",
            "reissued": "再交付",
            "free": "無料交付",
            "returned": "返納",
            "suspended": "一時停止",
            "lookups": "利用件数",
            "installs": "搭載件数",
            "uses": "利用件数",
            "male": "男",
            "female": "女",
            "unknown": "不明",
            "not_applicable": "適用不能",
            "japanese": "日本人住民",
            "foreign": "外国人住民",
            "ok": "完了",
            "allowed": "許可",
            "refused": "拒否",
            "failed": "失敗",
            NO_POSTAL_CODE: "（郵便番号なし）",
            "card-issuance": "カード交付事務",
            "card-service": "カードの諸手続",
            "identity-check": "本人確認",
            "licence-return-exemption": "運転免許証自主返納者への無料交付",
            "multipurpose-services": "多目的利用サービス",
            "rent-arrears": "家賃滞納整理",
            "certificate-kiosk": "自動交付機",
            "library-desk": "図書館窓口",
            "supervision": "監督",
            "library": "図書館",
            "certificate_kiosk": "自動交付機",
        }
    ),
)
