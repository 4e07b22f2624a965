"""The structure of a Japanese driving licence number, as a driving history certificate
(運転経歴証明書) carries it: 12 digits, the first two the code of the public safety commission
(公安委員会) that first issued the licence, the next two the year it was first issued, then the
commission's serial, a check digit and the count of re-issues.

The commission codes are public (the National Police Agency's numbering of 1981): Hokkaido
has five commissions (10-14), Tokyo one (30), each other prefecture one, numbered by region.
They are not the JIS prefecture codes.
"""

from __future__ import annotations

from typing import Final

SAFETY_COMMISSION_CODES: Final = frozenset(
    {
        # 北海道 (札幌方面), 函館, 旭川, 釧路, 北見
        "10", "11", "12", "13", "14",
        # 青森, 岩手, 宮城, 秋田, 山形, 福島
        "20", "21", "22", "23", "24", "25",
        # 東京
        "30",
        # 茨城, 栃木, 群馬, 埼玉, 千葉, 神奈川, 新潟, 山梨, 長野, 静岡
        "40", "41", "42", "43", "44", "45", "46", "47", "48", "49",
        # 富山, 石川, 福井, 岐阜, 愛知, 三重
        "50", "51", "52", "53", "54", "55",
        # 滋賀, 京都, 大阪, 兵庫, 奈良, 和歌山
        "60", "61", "62", "63", "64", "65",
        # 鳥取, 島根, 岡山, 広島, 山口
        "70", "71", "72", "73", "74",
        # 徳島, 香川, 愛媛, 高知
        "80", "81", "82", "83",
        # 福岡, 佐賀, 長崎, 熊本, 大分, 宮崎, 鹿児島, 沖縄
        "90", "91", "92", "93", "94", "95", "96", "97",
    }
)  # fmt: skip
