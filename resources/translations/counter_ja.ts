<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AddressChangePage</name>
    <message>
        <source>2. The move</source>
        <translation>2. 異動の内容</translation>
    </message>
    <message>
        <source>Move within the municipality (転居)</source>
        <translation>市内での転居</translation>
    </message>
    <message>
        <source>Move in from elsewhere (転入)</source>
        <translation>他市区町村からの転入</translation>
    </message>
    <message>
        <source>&amp;Moved on:</source>
        <translation>異動日(&amp;M)：</translation>
    </message>
    <message>
        <source>Date of the move</source>
        <translation>異動日</translation>
    </message>
    <message>
        <source>New &amp;address:</source>
        <translation>新しい住所(&amp;A)：</translation>
    </message>
    <message>
        <source>From the moving notice; recorded in the register too. Empty: the register&apos;s</source>
        <translation>転居届の新住所（台帳にも記録されます）。空欄：台帳の住所</translation>
    </message>
    <message>
        <source>New address</source>
        <translation>新しい住所</translation>
    </message>
    <message>
        <source>3. The resident&apos;s card</source>
        <translation>3. ご本人のカード</translation>
    </message>
    <message>
        <source>The card&apos;s unlock number (照合番号B): scan the QR code on the front of the card, or type the birth date, the expiry year and the security code printed on it. Left empty, the resident enters the number with the PIN on the resident&apos;s screen.</source>
        <translation>カードの照合番号B：カード表面のQRコードをスキャナーで読み取るか、カードに印字された生年月日・有効期限の年・セキュリティコードを入力してください。空欄のときは、ご本人が暗証番号と一緒にご本人用の画面で入力します。</translation>
    </message>
    <message>
        <source>C&amp;hange the address on the card (Ctrl+Enter)</source>
        <translation>カードの住所を変更(&amp;H)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>No card reader: connect one first.</source>
        <translation>カードリーダーがありません。先に接続してください。</translation>
    </message>
    <message>
        <source>Resident&apos;s PIN: {tries}</source>
        <translation>ご本人の暗証番号：{tries}</translation>
    </message>
    <message>
        <source>New address line (back of the card)</source>
        <translation>新しい住所の欄（カード裏面）</translation>
    </message>
    <message>
        <source>The register and the card now hold the new address: {address}</source>
        <translation>台帳とカードの住所を新しい住所にしました：{address}</translation>
    </message>
    <message>
        <source>The new line on the back of the card is not printed: print it later with Print again (Ctrl+Shift+P on the New issuance page) and the reason.</source>
        <translation>カード裏面の新しい行は印刷されていません。あとで「新規交付」ページの「再印刷」（Ctrl+Shift+P）から、理由を入力して印刷してください。</translation>
    </message>
</context>
<context>
    <name>AuditSection</name>
    <message>
        <source>&amp;Audit</source>
        <translation>監査(&amp;A)</translation>
    </message>
    <message>
        <source>Period &amp;begins</source>
        <translation>期間の初日(&amp;B)</translation>
    </message>
    <message>
        <source>Period ends</source>
        <translation>期間の末日</translation>
    </message>
    <message>
        <source>Ope&amp;rator login</source>
        <translation>操作者のログイン名(&amp;R)</translation>
    </message>
    <message>
        <source>Purpose code</source>
        <translation>利用目的のコード</translation>
    </message>
    <message>
        <source>Resident number</source>
        <translation>住民番号</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Outco&amp;me</source>
        <translation>結果(&amp;M)</translation>
    </message>
    <message>
        <source>every operator</source>
        <translation>すべての操作者</translation>
    </message>
    <message>
        <source>every purpose, e.g. identity-check</source>
        <translation>すべての利用目的（例: identity-check）</translation>
    </message>
    <message>
        <source>every resident</source>
        <translation>すべての住民</translation>
    </message>
    <message>
        <source>every action, e.g. operator.login</source>
        <translation>すべての操作（例: operator.login）</translation>
    </message>
    <message>
        <source>every outcome</source>
        <translation>すべての結果</translation>
    </message>
    <message>
        <source>Searc&amp;h</source>
        <translation>検索(&amp;H)</translation>
    </message>
    <message>
        <source>Ne&amp;xt page</source>
        <translation>次のページ(&amp;X)</translation>
    </message>
    <message>
        <source>Verify the chain &amp;of events</source>
        <translation>監査証跡の連鎖を検証(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Export CSV</source>
        <translation>CSVに書き出す(&amp;E)</translation>
    </message>
    <message>
        <source>Signed PDF summar&amp;y</source>
        <translation>署名付きPDF要約(&amp;Y)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作者</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>利用目的</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>住民</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>allowed</source>
        <translation>許可</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>処理しています…</translation>
    </message>
    <message>
        <source>The resident number is digits only.</source>
        <translation>住民番号は数字だけで入力してください。</translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation>期間の末日が初日より前です。</translation>
    </message>
    <message>
        <source>%1 event(s) shown; more match (Next page).</source>
        <translation>%1件を表示しました。続きがあります（次のページ）。</translation>
    </message>
    <message>
        <source>%1 event(s) found.</source>
        <translation>%1件見つかりました。</translation>
    </message>
    <message>
        <source>The audit trail is intact: %1 event(s) verified.</source>
        <translation>監査証跡は改ざんされていません（%1件を検証しました）。</translation>
    </message>
    <message>
        <source>The audit trail is BROKEN: %1</source>
        <translation>監査証跡の連鎖が壊れています: %1</translation>
    </message>
    <message>
        <source>%1 event(s) written to %2</source>
        <translation>%1件を書き出しました: %2</translation>
    </message>
    <message>
        <source>Signed summary written to %1 (the chain is intact).</source>
        <translation>署名付き要約を書き出しました: %1（監査証跡は改ざんされていません）。</translation>
    </message>
    <message>
        <source>Signed summary written to %1 (the chain is BROKEN).</source>
        <translation>署名付き要約を書き出しました: %1（監査証跡の連鎖が壊れています）。</translation>
    </message>
</context>
<context>
    <name>CardDeskPage</name>
    <message>
        <source>No card reader: connect one first.</source>
        <translation>カードリーダーがありません。先に接続してください。</translation>
    </message>
    <message>
        <source>Ctrl+Enter reads the card again for another try.</source>
        <translation>もう一度入力するには Ctrl+Enter でカードを読み直してください。</translation>
    </message>
</context>
<context>
    <name>CardPanel</name>
    <message>
        <source>Card</source>
        <translation>カード</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状態：</translation>
    </message>
    <message>
        <source>Card number:</source>
        <translation>カード番号：</translation>
    </message>
    <message>
        <source>Register:</source>
        <translation>台帳：</translation>
    </message>
    <message>
        <source>Applications:</source>
        <translation>アプリケーション：</translation>
    </message>
    <message>
        <source>PIN tries:</source>
        <translation>暗証番号の残り回数：</translation>
    </message>
    <message>
        <source>Holder:</source>
        <translation>氏名：</translation>
    </message>
    <message>
        <source>No card reader found.</source>
        <translation>カードリーダーが見つかりません。</translation>
    </message>
    <message>
        <source>Connect a card reader. It appears here by itself.</source>
        <translation>カードリーダーを接続してください。接続すると自動的にここに表示されます。</translation>
    </message>
    <message>
        <source>Place the card on the reader.</source>
        <translation>カードをリーダーに置いてください。</translation>
    </message>
    <message>
        <source>Reading the card…</source>
        <translation>カードを読み取っています…</translation>
    </message>
    <message>
        <source>Leave the card on the reader.</source>
        <translation>カードをリーダーから外さないでください。</translation>
    </message>
    <message>
        <source>Issued by J-LIS: it is not in this municipality&apos;s register and cannot be changed here. To check it, verify it on the verification page with 照合番号B (birth date, expiry year and security code printed on it) or the resident&apos;s PIN.</source>
        <translation>J-LIS が発行したカードです。本市の台帳にはなく、ここでは変更できません。確認するには、本人確認の画面で照合番号B（券面の生年月日・有効期限の年・セキュリティコード）または本人の暗証番号で照合してください。</translation>
    </message>
    <message>
        <source>This card was not issued by this system. Check the card and try again.</source>
        <translation>このシステムで発行したカードではありません。カードを確認して、もう一度置いてください。</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Shown after the resident enters the PIN</source>
        <translation>ご本人が暗証番号を入力すると表示されます</translation>
    </message>
    <message>
        <source>Warning: the card is not in use</source>
        <translation>注意：利用中のカードではありません</translation>
    </message>
    <message>
        <source>Not in this municipality&apos;s register (J-LIS&apos;s card)</source>
        <translation>本市の台帳にはありません（J-LIS のカード）</translation>
    </message>
</context>
<context>
    <name>CardServicesPage</name>
    <message>
        <source>Read t&amp;he services on the card (Ctrl+Enter)</source>
        <translation>カードのサービスを読む(&amp;H) (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>1. The card in the reader</source>
        <translation>1. リーダーのカード</translation>
    </message>
    <message>
        <source>Services on the car&amp;d:</source>
        <translation>カードのサービス(&amp;D)：</translation>
    </message>
    <message>
        <source>Services on the card</source>
        <translation>カードのサービス</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>AID</source>
        <translation>AID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Size (bytes)</source>
        <translation>容量（バイト）</translation>
    </message>
    <message>
        <source>2. The service chosen in the table</source>
        <translation>2. 表で選んだサービス</translation>
    </message>
    <message>
        <source>New member num&amp;ber:</source>
        <translation>新しい会員番号(&amp;B)：</translation>
    </message>
    <message>
        <source>New member number</source>
        <translation>新しい会員番号</translation>
    </message>
    <message>
        <source>&amp;Personalise</source>
        <translation>会員番号を書き込む(&amp;P)</translation>
    </message>
    <message>
        <source>Loc&amp;k</source>
        <translation>利用停止(&amp;K)</translation>
    </message>
    <message>
        <source>Unl&amp;ock</source>
        <translation>利用停止の解除(&amp;O)</translation>
    </message>
    <message>
        <source>R&amp;emove from the card…</source>
        <translation>カードから削除(&amp;E)…</translation>
    </message>
    <message>
        <source>3. Put a service on the card</source>
        <translation>3. カードにサービスを載せる</translation>
    </message>
    <message>
        <source>Ser&amp;vice to put on the card:</source>
        <translation>載せるサービス(&amp;V)：</translation>
    </message>
    <message>
        <source>Service to put on the card</source>
        <translation>載せるサービス</translation>
    </message>
    <message>
        <source>&amp;Member number (if known):</source>
        <translation>会員番号（分かれば）(&amp;M)：</translation>
    </message>
    <message>
        <source>Member number</source>
        <translation>会員番号</translation>
    </message>
    <message>
        <source>The resident reads and signs the consent form, version {version}, before the service is put on the card. The consent is recorded with your name.</source>
        <translation>サービスをカードに載せる前に、住民の方に同意書（版 {version}）を読んで署名していただきます。同意はあなたの名前で記録されます。</translation>
    </message>
    <message>
        <source>The resident read the consent form (version {version}) and &amp;agreed</source>
        <translation>住民の方が同意書（版 {version}）を読み、同意した(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Install on the card</source>
        <translation>カードに載せる(&amp;I)</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>利用中</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>利用停止中</translation>
    </message>
    <message>
        <source>Not in the register</source>
        <translation>台帳に記録なし</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>読み取り中…</translation>
    </message>
    <message>
        <source>No service on this card. {free} bytes free of {total}.</source>
        <translation>このカードにサービスはありません。空き {free} バイト（全 {total} バイト）。</translation>
    </message>
    <message>
        <source>{free} bytes free of {total} (services use {used}).</source>
        <translation>空き {free} バイト（全 {total} バイト、サービスで {used} バイト使用）。</translation>
    </message>
    <message>
        <source>Choose the service to put on the card.</source>
        <translation>カードに載せるサービスを選んでください。</translation>
    </message>
    <message>
        <source>The resident&apos;s consent is needed first: tick that the resident agreed.</source>
        <translation>先に住民の方の同意が必要です。同意したことにチェックを入れてください。</translation>
    </message>
    <message>
        <source>{service} is on the card.</source>
        <translation>{service}をカードに載せました。</translation>
    </message>
    <message>
        <source>Type the new member number first.</source>
        <translation>先に新しい会員番号を入力してください。</translation>
    </message>
    <message>
        <source>The member number of {service} is written.</source>
        <translation>{service}の会員番号を書き込みました。</translation>
    </message>
    <message>
        <source>{service} is locked: every desk refuses it.</source>
        <translation>{service}を利用停止にしました。どの窓口でも利用できません。</translation>
    </message>
    <message>
        <source>{service} is unlocked.</source>
        <translation>{service}の利用停止を解除しました。</translation>
    </message>
    <message>
        <source>Remove the service</source>
        <translation>サービスの削除</translation>
    </message>
    <message>
        <source>Remove {service} from the card? Its data on the card is deleted and the resident can no longer use it.</source>
        <translation>{service}をカードから削除しますか？カード上のデータは消去され、住民の方は利用できなくなります。</translation>
    </message>
    <message>
        <source>{service} is removed from the card.</source>
        <translation>{service}をカードから削除しました。</translation>
    </message>
    <message>
        <source>Working on the card… Leave the card in the reader.</source>
        <translation>カードに書き込み中… カードをリーダーに置いたままにしてください。</translation>
    </message>
    <message>
        <source>No card reader: connect one first.</source>
        <translation>カードリーダーがありません。先に接続してください。</translation>
    </message>
</context>
<context>
    <name>CardTexts</name>
    <message>
        <source>Not issued (blank)</source>
        <translation>未発行（ブランク）</translation>
    </message>
    <message>
        <source>Being issued</source>
        <translation>発行処理中</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>利用中</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Invalidated</source>
        <translation>廃止</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>個人番号カード (issued by J-LIS)</source>
        <translation>個人番号カード（J-LIS 発行）</translation>
    </message>
    <message>
        <source>Not a card of this system</source>
        <translation>このシステムのカードではありません</translation>
    </message>
    <message>
        <source>No PIN set yet</source>
        <translation>暗証番号未設定</translation>
    </message>
    <message>
        <source>Locked: the PIN must be reset</source>
        <translation>ロック中（暗証番号の再設定が必要）</translation>
    </message>
    <message>
        <source>1 try left: one more wrong PIN locks it</source>
        <translation>残り1回（次に間違えるとロックされます）</translation>
    </message>
    <message>
        <source>{count} tries left</source>
        <translation>残り{count}回</translation>
    </message>
    <message>
        <source>The PIN was wrong and is now locked. The resident needs a PIN reset.</source>
        <translation>暗証番号が違います。暗証番号はロックされました。暗証番号の再設定の手続きが必要です。</translation>
    </message>
    <message>
        <source>The PIN was wrong. One try is left: one more wrong PIN locks it.</source>
        <translation>暗証番号が違います。残りは1回です。次に間違えるとロックされます。</translation>
    </message>
    <message>
        <source>The PIN was wrong. {count} tries are left.</source>
        <translation>暗証番号が違います。あと{count}回入力できます。</translation>
    </message>
    <message>
        <source>Card inserted</source>
        <translation>カードあり</translation>
    </message>
    <message>
        <source>No card</source>
        <translation>カードなし</translation>
    </message>
    <message>
        <source>Locked: the issuing office must reset the unlock number</source>
        <translation>ロック中（発行窓口で照合番号Bの再設定が必要）</translation>
    </message>
    <message>
        <source>1 try left: one more wrong number locks the face data</source>
        <translation>残り1回（次に間違えると券面事項がロックされます）</translation>
    </message>
    <message>
        <source>The unlock number was wrong and the face data is now locked. The issuing office must reset it; check identity by other means.</source>
        <translation>照合番号Bが違います。券面事項はロックされました。発行窓口での再設定が必要です。本人確認は別の方法で行ってください。</translation>
    </message>
    <message>
        <source>Check the birth date, the expiry year and the security code against the card.</source>
        <translation>生年月日、有効期限の年、セキュリティコードをカードと照らし合わせて確認してください。</translation>
    </message>
    <message>
        <source>The unlock number was wrong. One try is left: one more wrong number locks the face data.</source>
        <translation>照合番号Bが違います。残りは1回です。次に間違えると券面事項がロックされます。</translation>
    </message>
    <message>
        <source>The unlock number was wrong. {count} tries are left.</source>
        <translation>照合番号Bが違います。あと{count}回入力できます。</translation>
    </message>
</context>
<context>
    <name>CertificateFlow</name>
    <message>
        <source>Copy of the resident record</source>
        <translation>住民票の写し</translation>
    </message>
    <message>
        <source>Copy of the resident record: for whom?</source>
        <translation>住民票の写し：どなたの分ですか。</translation>
    </message>
    <message>
        <source>Yourself only</source>
        <translation>本人のみ</translation>
    </message>
    <message>
        <source>Whole household</source>
        <translation>世帯全員</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>印刷する</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>やめる</translation>
    </message>
    <message>
        <source>Hello, %1.</source>
        <translation>%1 様</translation>
    </message>
    <message>
        <source>%1 copies</source>
        <translation>%1通</translation>
    </message>
    <message>
        <source>Fee: %1 yen</source>
        <translation>手数料 %1円</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>印刷しています…</translation>
    </message>
    <message>
        <source>Your certificate has been printed. Please take it.</source>
        <translation>証明書を印刷しました。お受け取りください。</translation>
    </message>
    <message>
        <source>Training: the certificate was made but not printed or kept.</source>
        <translation>研修用：証明書を作成しましたが、印刷も保存もしていません。</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <source>Working with the card…</source>
        <translation>カードと通信中…</translation>
    </message>
    <message>
        <source>⚠ Training register (demo data): connected</source>
        <translation>⚠ 研修用台帳（デモデータ）：接続中</translation>
    </message>
    <message>
        <source>Register: connected</source>
        <translation>住民記録：接続中</translation>
    </message>
    <message>
        <source>⚠ Register unavailable</source>
        <translation>⚠ 住民記録に接続できません</translation>
    </message>
    <message>
        <source>Register: connecting…</source>
        <translation>住民記録：接続しています…</translation>
    </message>
    <message>
        <source>Printer: looking…</source>
        <translation>プリンター：確認中…</translation>
    </message>
    <message>
        <source>⚠ No printer: printouts are saved as PDF</source>
        <translation>⚠ プリンターなし：印刷物はPDFで保存します</translation>
    </message>
    <message>
        <source>Printer: {name}</source>
        <translation>プリンター：{name}</translation>
    </message>
    <message>
        <source>⚠ Library system: not connected</source>
        <translation>⚠ 図書館システム：接続されていません</translation>
    </message>
    <message>
        <source>Library system: connecting…</source>
        <translation>図書館システム：接続しています…</translation>
    </message>
    <message>
        <source>Library system: connected ({name})</source>
        <translation>図書館システム：接続中（{name}）</translation>
    </message>
    <message>
        <source>⚠ Training: the keys are kept in files</source>
        <translation>⚠ 訓練用：鍵はファイルに保存されています</translation>
    </message>
    <message>
        <source>Cards and printouts are signed with development keys saved in the data directory. A municipality&apos;s counter keeps its keys in a security module.</source>
        <translation>カードと印刷物は、データフォルダに保存された開発用の鍵で署名されます。自治体の窓口では鍵をハードウェアセキュリティモジュールに保管します。</translation>
    </message>
    <message>
        <source>⚠ No security module: cards and printouts cannot be signed</source>
        <translation>⚠ セキュリティモジュールなし：カードと印刷物に署名できません</translation>
    </message>
    <message>
        <source>Set COUNTER_APP_PKCS11_MODULE, COUNTER_APP_TOKEN_LABEL and COUNTER_APP_TOKEN_PIN_FILE (docs/keys.md).</source>
        <translation>COUNTER_APP_PKCS11_MODULE、COUNTER_APP_TOKEN_LABEL、COUNTER_APP_TOKEN_PIN_FILE を設定してください（docs/keys.md）。</translation>
    </message>
    <message>
        <source>Keys: security module ({token})</source>
        <translation>鍵：セキュリティモジュール（{token}）</translation>
    </message>
    <message>
        <source>⚠ Card service unavailable</source>
        <translation>⚠ カードサービスを利用できません</translation>
    </message>
    <message>
        <source>Starting the card service…</source>
        <translation>カードサービスを起動しています…</translation>
    </message>
    <message>
        <source>⚠ Virtual reader (no PC/SC service): training cards only</source>
        <translation>⚠ 仮想リーダー（PC/SCサービスなし）：研修用カードのみ</translation>
    </message>
    <message>
        <source>Card service: {description}</source>
        <translation>カードサービス：{description}</translation>
    </message>
</context>
<context>
    <name>FaceByEyePanel</name>
    <message>
        <source>The printed face, compared by eye</source>
        <translation>券面の目視照合</translation>
    </message>
    <message>
        <source>No scan of the card face was given. Compare the card in your hand with the chip&apos;s images: tick with Space what is the same, then say whether it matches.</source>
        <translation>券面の読み取り画像がありません。手元のカードとICチップの画像を見比べ、一致する項目をSpaceでチェックしてから、一致するかどうかを選んでください。</translation>
    </message>
    <message>
        <source>{field} in the chip</source>
        <translation>ICチップの{field}</translation>
    </message>
    <message>
        <source>&amp;Matches the chip (by eye)</source>
        <translation>目視で一致を確認(&amp;M)</translation>
    </message>
    <message>
        <source>Matches the chip, compared by eye</source>
        <translation>目視でICチップと一致を確認</translation>
    </message>
    <message>
        <source>&amp;Differs from the chip…</source>
        <translation>一致しない(&amp;D)…</translation>
    </message>
    <message>
        <source>Differs from the chip: the fields not ticked do not match</source>
        <translation>一致しない: チェックしていない項目が券面と異なる</translation>
    </message>
</context>
<context>
    <name>FacilityDayView</name>
    <message>
        <source>1. Facility and day</source>
        <translation>1. 施設と日付</translation>
    </message>
    <message>
        <source>Facilit&amp;y:</source>
        <translation>施設(&amp;Y):</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>施設</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>日付(&amp;D):</translation>
    </message>
    <message>
        <source>Day (PageUp: day before, PageDown: day after)</source>
        <translation>日付（PageUp：前の日、PageDown：次の日）</translation>
    </message>
    <message>
        <source>Ti&amp;me slots:</source>
        <translation>時間枠(&amp;M):</translation>
    </message>
    <message>
        <source>Time slots</source>
        <translation>時間枠</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Free or booked</source>
        <translation>空き・予約済み</translation>
    </message>
    <message>
        <source>Reservation number</source>
        <translation>予約番号</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>月曜日</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>火曜日</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>水曜日</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>木曜日</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>金曜日</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>土曜日</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>日曜日</translation>
    </message>
    <message>
        <source>Closed on this day.</source>
        <translation>この日は休館日です。</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>空き</translation>
    </message>
    <message>
        <source>Booked by this resident</source>
        <translation>この方の予約</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>予約済み</translation>
    </message>
</context>
<context>
    <name>FacilityFlow</name>
    <message>
        <source>Reserve a facility</source>
        <translation>施設の予約</translation>
    </message>
    <message>
        <source>Facility reservations: choose a facility.</source>
        <translation>施設の予約：施設を選んでください。</translation>
    </message>
    <message>
        <source>0  Your reservations</source>
        <translation>0  予約の確認・取り消し</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>終わる</translation>
    </message>
    <message>
        <source>◀ Previous day</source>
        <translation>◀ 前の日</translation>
    </message>
    <message>
        <source>Next day ▶</source>
        <translation>次の日 ▶</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <source>Reserve</source>
        <translation>予約する</translation>
    </message>
    <message>
        <source>Your reservations</source>
        <translation>あなたの予約</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <source>%1/%2 (%3)</source>
        <translation>%1月%2日（%3）</translation>
    </message>
    <message>
        <source>%1
yours</source>
        <translation>%1
ご自身の予約</translation>
    </message>
    <message>
        <source>%1
booked</source>
        <translation>%1
予約済み</translation>
    </message>
    <message>
        <source>%1
closed</source>
        <translation>%1
受付終了</translation>
    </message>
    <message>
        <source>%1
free</source>
        <translation>%1
空き</translation>
    </message>
    <message>
        <source>Thank you. Your reservations are kept.</source>
        <translation>ご利用ありがとうございました。</translation>
    </message>
    <message>
        <source>The facility is closed on this day.</source>
        <translation>この日は休館日です。</translation>
    </message>
    <message>
        <source>Reserve %1 on %2?</source>
        <translation>%1
%2
を予約しますか。</translation>
    </message>
    <message>
        <source>Reserved: %1, %2.</source>
        <translation>予約しました：%1&#x3000;%2</translation>
    </message>
    <message>
        <source>Cancel this</source>
        <translation>取り消す</translation>
    </message>
    <message>
        <source>The deadline for cancelling it here has passed: please ask at the counter.</source>
        <translation>キオスクで取り消せる期限を過ぎました。窓口でお申し出ください。</translation>
    </message>
    <message>
        <source>You have no reservations.</source>
        <translation>予約はありません。</translation>
    </message>
    <message>
        <source>The reservation was cancelled.</source>
        <translation>予約を取り消しました。</translation>
    </message>
</context>
<context>
    <name>FacilityReservationPage</name>
    <message>
        <source>&amp;Open the resident&apos;s card in the reader (Ctrl+Enter)</source>
        <translation>リーダーの住民のカードを開く(&amp;O)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Slots boo&amp;ked together:</source>
        <translation>続けて予約する枠の数(&amp;K):</translation>
    </message>
    <message>
        <source>Slots booked together</source>
        <translation>続けて予約する枠の数</translation>
    </message>
    <message>
        <source>&amp;Book the selected time (Enter)</source>
        <translation>選んだ時間を予約(&amp;B)（Enter）</translation>
    </message>
    <message>
        <source>Reading the card…</source>
        <translation>カードを読み取り中…</translation>
    </message>
    <message>
        <source>The resident enters the card&apos;s PIN.</source>
        <translation>住民の方がカードの暗証番号を入力します。</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>読み取り中…</translation>
    </message>
    <message>
        <source>Reading the resident&apos;s bookings…</source>
        <translation>この方の予約を読み込み中…</translation>
    </message>
    <message>
        <source>Choose a free time in the day view first.</source>
        <translation>先に日ごとの一覧で空いている時間を選んでください。</translation>
    </message>
    <message>
        <source>Open the resident&apos;s card first (Ctrl+Enter).</source>
        <translation>先に住民のカードを開いてください（Ctrl+Enter）。</translation>
    </message>
    <message>
        <source>Booking…</source>
        <translation>予約中…</translation>
    </message>
    <message>
        <source>Booked: {facility}, {day} {time}. Reservation number {number}.</source>
        <translation>予約しました：{facility}、{day} {time}。予約番号 {number}。</translation>
    </message>
    <message>
        <source>Choose one of the resident&apos;s bookings first.</source>
        <translation>先にこの方の予約を一つ選んでください。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>取消し中…</translation>
    </message>
    <message>
        <source>Cancelled: reservation number {number}, {day} {time}.</source>
        <translation>取り消しました：予約番号 {number}、{day} {time}。</translation>
    </message>
    <message>
        <source>Book the free time {day} {time}</source>
        <translation>空いている時間 {day} {time} を予約</translation>
    </message>
</context>
<context>
    <name>IssuancePage</name>
    <message>
        <source>Driving licence</source>
        <translation>運転免許証</translation>
    </message>
    <message>
        <source>Driving history certificate</source>
        <translation>運転経歴証明書</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>旅券（パスポート）</translation>
    </message>
    <message>
        <source>Residence card</source>
        <translation>在留カード</translation>
    </message>
    <message>
        <source>Resident card</source>
        <translation>住民基本台帳カード</translation>
    </message>
    <message>
        <source>Health insurance card</source>
        <translation>健康保険証</translation>
    </message>
    <message>
        <source>Pension book</source>
        <translation>年金手帳</translation>
    </message>
    <message>
        <source>Inquiry answer (照会書兼回答書)</source>
        <translation>照会書兼回答書</translation>
    </message>
    <message>
        <source>Other document</source>
        <translation>その他の書類</translation>
    </message>
    <message>
        <source>2. Card</source>
        <translation>2. カードの種類</translation>
    </message>
    <message>
        <source>3. Identity documents presented</source>
        <translation>3. 提示された本人確認書類</translation>
    </message>
    <message>
        <source>4. Fee</source>
        <translation>4. 手数料</translation>
    </message>
    <message>
        <source>Card wit&amp;hout photo</source>
        <translation>写真なしカード(&amp;H)</translation>
    </message>
    <message>
        <source>Card with &amp;photo</source>
        <translation>写真付きカード(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Standard fee ({fee} yen)</source>
        <translation>通常の手数料（{fee}円）(&amp;S)</translation>
    </message>
    <message>
        <source>Free: &amp;elderly resident who returned the driving licence</source>
        <translation>無料：運転免許証を自主返納した高齢者(&amp;E)</translation>
    </message>
    <message>
        <source>P&amp;roof:</source>
        <translation>証明(&amp;R)：</translation>
    </message>
    <message>
        <source>Driving history certificate number, or notice date YYYY-MM-DD</source>
        <translation>運転経歴証明書の番号、または取消通知書の日付（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>Proof of the returned licence</source>
        <translation>免許返納の証明</translation>
    </message>
    <message>
        <source>Chec&amp;k</source>
        <translation>確認(&amp;K)</translation>
    </message>
    <message>
        <source>Check free issuance</source>
        <translation>無料交付の確認</translation>
    </message>
    <message>
        <source>&amp;Issue the card (Ctrl+Enter)</source>
        <translation>カードを交付する（Ctrl+Enter）(&amp;I)</translation>
    </message>
    <message>
        <source>This resident is {age}: free issuance is for residents aged {minimum} or over. Choose the standard fee.</source>
        <translation>この方は{age}歳です。無料交付は{minimum}歳以上の方が対象です。通常の手数料を選んでください。</translation>
    </message>
    <message>
        <source>driving history certificate</source>
        <translation>運転経歴証明書</translation>
    </message>
    <message>
        <source>licence cancellation notice</source>
        <translation>運転免許の取消通知書</translation>
    </message>
    <message>
        <source>An earlier application recorded this proof: {kind} {number} (checked {date}). Check it against the document the resident shows.</source>
        <translation>以前の申請で次の証明が記録されています：{kind} {number}（{date} 確認）。ご本人が提示した書類と照合してください。</translation>
    </message>
    <message>
        <source>No earlier proof of a returned licence is recorded for this resident.</source>
        <translation>この方について、以前の免許返納の証明は記録されていません。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認しています…</translation>
    </message>
    <message>
        <source>Free issuance confirmed: no fee is charged.</source>
        <translation>無料交付を確認しました。手数料はかかりません。</translation>
    </message>
    <message>
        <source>Import the resident&apos;s photo, or choose a card without photo.</source>
        <translation>申請者の写真を読み込むか、写真なしカードを選んでください。</translation>
    </message>
    <message>
        <source>Tick the identity documents the resident presented.</source>
        <translation>提示された本人確認書類にチェックを入れてください。</translation>
    </message>
    <message>
        <source>Check the proof for free issuance first (Check button).</source>
        <translation>先に無料交付の証明を確認してください（「確認」ボタン）。</translation>
    </message>
    <message>
        <source>No card reader: connect one first.</source>
        <translation>カードリーダーがありません。先に接続してください。</translation>
    </message>
    <message>
        <source>Card face</source>
        <translation>カード券面</translation>
    </message>
    <message>
        <source>Handover receipt</source>
        <translation>交付通知書</translation>
    </message>
    <message>
        <source>Print again… (Ctrl+Shift+P)</source>
        <translation>再印刷…（Ctrl+Shift+P）</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>再印刷</translation>
    </message>
    <message>
        <source>Print the card face, the receipt or the last address line again, with a reason</source>
        <translation>カード券面、交付通知書、または最後の住所欄を、理由を入力して再印刷します</translation>
    </message>
    <message>
        <source>Card {serial} is issued and recorded.</source>
        <translation>カード {serial} を交付し、台帳に記録しました。</translation>
    </message>
    <message>
        <source>{issued} The card face and the receipt are printed.</source>
        <translation>{issued}カード券面と交付通知書を印刷しました。</translation>
    </message>
    <message>
        <source>{issued} Not printed: {printouts}. Print them later with Print again (Ctrl+Shift+P) and the reason.</source>
        <translation>{issued}印刷されていないもの：{printouts}。あとで「再印刷」（Ctrl+Shift+P）から、理由を入力して印刷してください。</translation>
    </message>
    <message>
        <source>Choose the resident, or put the card in the reader, to print again.</source>
        <translation>再印刷するには、住民を選ぶか、カードをリーダーに入れてください。</translation>
    </message>
    <message>
        <source>The card in the reader is not one of ours. Choose the resident instead.</source>
        <translation>リーダーのカードは、この窓口で交付したカードではありません。住民を選んでください。</translation>
    </message>
</context>
<context>
    <name>KioskFrame</name>
    <message>
        <source>Kiosk</source>
        <translation>キオスク端末</translation>
    </message>
    <message>
        <source>Please place your card on the reader.</source>
        <translation>カードを置いてください。</translation>
    </message>
    <message>
        <source>What would you like to do?</source>
        <translation>ご利用になるサービスを選んでください。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>やめる</translation>
    </message>
    <message>
        <source>Enter your PIN (4 digits).</source>
        <translation>暗証番号（数字4桁）を入力してください。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>訂正</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>確定</translation>
    </message>
    <message>
        <source>Enter again</source>
        <translation>入力しなおす</translation>
    </message>
    <message>
        <source>Use the last try</source>
        <translation>最後の1回を使う</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>準備しています…</translation>
    </message>
    <message>
        <source>Training: no printer is set up; certificates are not printed or kept.</source>
        <translation>研修用：プリンターが設定されていないため、証明書は印刷も保存もされません。</translation>
    </message>
    <message>
        <source>Please ask at the counter to have your PIN reset.</source>
        <translation>窓口で暗証番号の再設定をお申し出ください。</translation>
    </message>
    <message>
        <source>Last try: a wrong PIN now locks the card. Only the counter can unlock it.</source>
        <translation>残り1回です。間違えるとカードがロックされ、窓口でしか解除できません。</translation>
    </message>
    <message>
        <source>%1 tries left</source>
        <translation>暗証番号の入力は残り%1回です。</translation>
    </message>
    <message>
        <source>Reading the card…</source>
        <translation>カードを読み取っています…</translation>
    </message>
    <message>
        <source>Only one try is left. Check the PIN, then press “Use the last try”.</source>
        <translation>残りは1回だけです。暗証番号を確かめてから「最後の1回を使う」を押してください。</translation>
    </message>
    <message>
        <source>The PIN is not correct. One try is left: after one more wrong PIN the card is locked.</source>
        <translation>暗証番号が違います。残りはあと1回です。もう一度間違えるとカードが使えなくなります。</translation>
    </message>
    <message>
        <source>The PIN is not correct. Two tries are left.</source>
        <translation>暗証番号が違います。残りはあと2回です。</translation>
    </message>
    <message>
        <source>The PIN is not correct. %1 tries are left.</source>
        <translation>暗証番号が違います。残りはあと%1回です。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>取りやめました。</translation>
    </message>
    <message>
        <source>The time ran out and the screen was cleared.</source>
        <translation>時間が過ぎたため、画面を消去しました。</translation>
    </message>
    <message>
        <source>Please take your card back.</source>
        <translation>カードをお取りください。</translation>
    </message>
    <message>
        <source>Please ask at the counter: the service is put on the card there.</source>
        <translation>窓口でお尋ねください。サービスは窓口でカードに載せます。</translation>
    </message>
</context>
<context>
    <name>LibraryDeskPage</name>
    <message>
        <source>&amp;Open the library card in the reader (Ctrl+Enter)</source>
        <translation>リーダーの図書館カードを開く(&amp;O)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>1. The resident&apos;s library card</source>
        <translation>1. ご本人の図書館カード</translation>
    </message>
    <message>
        <source>Items on loan:</source>
        <translation>貸出中の資料：</translation>
    </message>
    <message>
        <source>Items on loan</source>
        <translation>貸出中の資料</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>バーコード</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>書名</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>返却期限</translation>
    </message>
    <message>
        <source>2. Items by barcode</source>
        <translation>2. バーコードで資料を扱う</translation>
    </message>
    <message>
        <source>&amp;Barcode:</source>
        <translation>バーコード(&amp;B)：</translation>
    </message>
    <message>
        <source>Len&amp;d (Enter)</source>
        <translation>貸出(&amp;D)（Enter）</translation>
    </message>
    <message>
        <source>&amp;Return</source>
        <translation>返却(&amp;R)</translation>
    </message>
    <message>
        <source>Ren&amp;ew</source>
        <translation>延長(&amp;E)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>読み取り中…</translation>
    </message>
    <message>
        <source>The resident enters the card&apos;s PIN.</source>
        <translation>ご本人にカードの暗証番号を入力していただきます。</translation>
    </message>
    <message>
        <source>Open the resident&apos;s library card first (Ctrl+Enter).</source>
        <translation>先にご本人の図書館カードを開いてください（Ctrl+Enter）。</translation>
    </message>
    <message>
        <source>Scan or type the item&apos;s barcode first.</source>
        <translation>先に資料のバーコードを読み取るか入力してください。</translation>
    </message>
    <message>
        <source>Renewed: {title} ({barcode}), due {due}.</source>
        <translation>延長しました：{title}（{barcode}）、返却期限 {due}。</translation>
    </message>
    <message>
        <source>Lent: {title} ({barcode}), due {due}.</source>
        <translation>貸し出しました：{title}（{barcode}）、返却期限 {due}。</translation>
    </message>
    <message>
        <source>Returned: {title} ({barcode}).</source>
        <translation>返却を受け付けました：{title}（{barcode}）。</translation>
    </message>
    <message>
        <source>Put it aside: the library system asks for it.</source>
        <translation>図書館システムの指示により、この資料は取り置いてください。</translation>
    </message>
    <message>
        <source>No library system is set up for this counter.</source>
        <translation>この窓口には図書館システムが設定されていません。</translation>
    </message>
    <message>
        <source>Asking the library system…</source>
        <translation>図書館システムに問い合わせています…</translation>
    </message>
    <message>
        <source>No library card open. Insert the resident&apos;s card.</source>
        <translation>図書館カードは開かれていません。ご本人のカードをリーダーに置いてください。</translation>
    </message>
    <message>
        <source>{name} — library card {member}, {count} items on loan</source>
        <translation>{name} — 図書館カード {member}、貸出中 {count} 点</translation>
    </message>
    <message>
        <source>, {overdue} overdue</source>
        <translation>、延滞 {overdue} 点</translation>
    </message>
    <message>
        <source>, {fee} outstanding</source>
        <translation>、未納 {fee}</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>Operator login</source>
        <translation>職員ログイン</translation>
    </message>
    <message>
        <source>&amp;Login name:</source>
        <translation>ログイン名(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P)：</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>ログイン名</translation>
    </message>
    <message>
        <source>Password, hidden</source>
        <translation>パスワード（非表示）</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <source>Issuing clerk</source>
        <translation>交付担当</translation>
    </message>
    <message>
        <source>Verifying clerk</source>
        <translation>確認担当</translation>
    </message>
    <message>
        <source>Application administrator</source>
        <translation>AP管理者</translation>
    </message>
    <message>
        <source>Library staff</source>
        <translation>図書館職員</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>監督者</translation>
    </message>
    <message>
        <source>TRAINING REGISTER — invented demo data, not real residents.</source>
        <translation>研修用台帳です。架空のデモデータで、実在の住民ではありません。</translation>
    </message>
    <message>
        <source>Demo operators (login name / password):</source>
        <translation>デモ職員（ログイン名 / パスワード）：</translation>
    </message>
    <message>
        <source>Training residents (search by birth date):</source>
        <translation>研修用の住民（生年月日で検索できます）：</translation>
    </message>
    <message>
        <source>returned the licence, proof {proof}</source>
        <translation>免許返納済み、運転経歴証明書番号 {proof}</translation>
    </message>
    <message>
        <source>To practise issuing a card:</source>
        <translation>カード交付の練習手順：</translation>
    </message>
    <message>
        <source>Log in as the issuing clerk ({login}).</source>
        <translation>交付担当（{login}）でログインします。</translation>
    </message>
    <message>
        <source>Ctrl+Shift+B inserts a blank training card.</source>
        <translation>Ctrl+Shift+B で研修用の未発行カードを挿入します。</translation>
    </message>
    <message>
        <source>Search a birth date (e.g. 1985-04-01): Enter, Enter again.</source>
        <translation>生年月日（例 1985-04-01）を入力して Enter、もう一度 Enter で申請者を選びます。</translation>
    </message>
    <message>
        <source>Tab to an identity document, Space ticks it, then Ctrl+Enter.</source>
        <translation>Tab で本人確認書類に移り、スペースでチェックして Ctrl+Enter を押します。</translation>
    </message>
    <message>
        <source>The resident types a 4-digit PIN twice.</source>
        <translation>申請者ご本人が4桁の暗証番号を2回入力します。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認しています…</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>ログイン(&amp;L)</translation>
    </message>
    <message>
        <source>The session ended because the counter was left idle. Log in again: the work in progress is kept for the same operator.</source>
        <translation>一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。同じ職員であれば、作業中の内容はそのまま残っています。</translation>
    </message>
    <message>
        <source>Logged out.</source>
        <translation>ログアウトしました。</translation>
    </message>
    <message>
        <source>Enter your login name and password.</source>
        <translation>ログイン名とパスワードを入力してください。</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新しいパスワード(&amp;N)：</translation>
    </message>
    <message>
        <source>New password &amp;again:</source>
        <translation>新しいパスワード（確認）(&amp;A)：</translation>
    </message>
    <message>
        <source>New password, hidden</source>
        <translation>新しいパスワード（非表示）</translation>
    </message>
    <message>
        <source>New password again, hidden</source>
        <translation>新しいパスワード（確認、非表示）</translation>
    </message>
    <message>
        <source>Log in with the &amp;operator card and its PIN…</source>
        <translation>操作者カードと暗証番号でログイン(&amp;O)…</translation>
    </message>
    <message>
        <source>The password you were given works only once. Choose your own password (at least 8 characters), type it twice, and press Enter.</source>
        <translation>渡されたパスワードは一度だけ使えます。ご自身のパスワード（8文字以上）を決めて2回入力し、Enter キーを押してください。</translation>
    </message>
    <message>
        <source>The two new passwords are not the same.</source>
        <translation>2回入力した新しいパスワードが一致しません。</translation>
    </message>
    <message>
        <source>Type the new password twice, exactly the same.</source>
        <translation>新しいパスワードを2回、同じように入力してください。</translation>
    </message>
    <message>
        <source>There is no operator card in the reader.</source>
        <translation>リーダーに操作者カードが入っていません。</translation>
    </message>
    <message>
        <source>Put your operator card in the reader, then try again.</source>
        <translation>操作者カードをリーダーに入れて、もう一度操作してください。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Resident Card Counter</source>
        <translation>住民基本台帳カード窓口</translation>
    </message>
    <message>
        <source>&amp;Card</source>
        <translation>カード(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語 / Language(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Unlock with PIN…</source>
        <translation>暗証番号で氏名を表示(&amp;U)…</translation>
    </message>
    <message>
        <source>Show the holder&apos;s name after the resident&apos;s PIN</source>
        <translation>ご本人の暗証番号を入力して、カードの氏名を表示します</translation>
    </message>
    <message>
        <source>&amp;Read the card again</source>
        <translation>カードを読み直す(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>ログアウト(&amp;O)</translation>
    </message>
    <message>
        <source>Insert a &amp;blank training card</source>
        <translation>研修用の未発行カードを挿入(&amp;B)</translation>
    </message>
    <message>
        <source>Put a new, blank virtual card into the virtual reader to practise issuing</source>
        <translation>交付の練習用に、新しい未発行の仮想カードを仮想リーダーに入れます</translation>
    </message>
    <message>
        <source>Put the &amp;demo card back</source>
        <translation>デモカードに戻す(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Work</source>
        <translation>業務(&amp;W)</translation>
    </message>
    <message>
        <source>Card readers (Ctrl+Shift+R):</source>
        <translation>カードリーダー（Ctrl+Shift+R）：</translation>
    </message>
    <message>
        <source>No PC/SC card service answered, so the counter runs on a virtual reader with a demo card. Real cards cannot be read until the card service runs. To practise issuing, insert a blank training card: Card menu, or Ctrl+Shift+B.</source>
        <translation>PC/SCカードサービスが応答しないため、デモカード入りの仮想リーダーで動作しています。カードサービスが起動するまで、実際のカードは読み取れません。交付の練習には、研修用の未発行カードを挿入してください（カードメニュー、または Ctrl+Shift+B）。</translation>
    </message>
    <message>
        <source>&amp;New issuance</source>
        <translation>新規交付(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Address change</source>
        <translation>住所変更(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;PIN reset</source>
        <translation>暗証番号の再設定(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Suspend a lost card</source>
        <translation>紛失による一時停止(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Re-issue</source>
        <translation>再交付(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;turn and invalidate</source>
        <translation>返納・廃止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Verify a card</source>
        <translation>カードの確認(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Services on the card</source>
        <translation>カードのサービス(&amp;S)</translation>
    </message>
    <message>
        <source>L&amp;ibrary desk</source>
        <translation>図書館窓口(&amp;I)</translation>
    </message>
    <message>
        <source>Operator: {name} — Ctrl+L logs out</source>
        <translation>担当：{name}&#x3000;— Ctrl+L でログアウト</translation>
    </message>
    <message>
        <source>Operator: {name} — your roles allow no counter task here.</source>
        <translation>担当：{name}&#x3000;— この権限で行える窓口業務はありません。</translation>
    </message>
    <message>
        <source>Training: the register holds invented residents, and training cards go into the virtual reader {reader}. Nothing issued here is real. To practise issuing, insert a blank training card: Card menu, or Ctrl+Shift+B.</source>
        <translation>研修モード：台帳のデータは架空の住民で、研修用カードは仮想リーダー {reader} に入ります。ここで交付したものは実際の交付ではありません。交付の練習には、研修用の未発行カードを挿入してください（カードメニュー、または Ctrl+Shift+B）。</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>暗証番号の誤り</translation>
    </message>
    <message>
        <source>Card: {state}</source>
        <translation>カード：{state}</translation>
    </message>
    <message>
        <source>Card: reading…</source>
        <translation>カード：読み取り中…</translation>
    </message>
    <message>
        <source>Card: could not be read</source>
        <translation>カード：読み取れません</translation>
    </message>
    <message>
        <source>No card</source>
        <translation>カードなし</translation>
    </message>
    <message>
        <source>&amp;Facility reservations</source>
        <translation>施設予約(&amp;F)</translation>
    </message>
    <message>
        <source>Supervisor&apos;s des&amp;k</source>
        <translation>監督者の事務(&amp;K)</translation>
    </message>
</context>
<context>
    <name>OperatorsSection</name>
    <message>
        <source>O&amp;perators</source>
        <translation>操作者(&amp;P)</translation>
    </message>
    <message>
        <source>Issuing clerk</source>
        <translation>交付担当</translation>
    </message>
    <message>
        <source>Verifying clerk</source>
        <translation>確認担当</translation>
    </message>
    <message>
        <source>Application administrator</source>
        <translation>アプリケーション管理者</translation>
    </message>
    <message>
        <source>Library staff</source>
        <translation>図書館職員</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>監督者</translation>
    </message>
    <message>
        <source>Registered operators:</source>
        <translation>登録済みの操作者：</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>ログイン名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Duty period</source>
        <translation>従事期間</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>最終ログイン</translation>
    </message>
    <message>
        <source>Registered operators</source>
        <translation>登録済みの操作者</translation>
    </message>
    <message>
        <source>Li&amp;ft the lock-out</source>
        <translation>ロック解除(&amp;F)</translation>
    </message>
    <message>
        <source>R&amp;eset password</source>
        <translation>パスワード再設定(&amp;E)</translation>
    </message>
    <message>
        <source>Off duty fro&amp;m:</source>
        <translation>従事終了日(&amp;M)：</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, empty: today</source>
        <translation>YYYY-MM-DD（空欄は今日）</translation>
    </message>
    <message>
        <source>End the duty (Enter)</source>
        <translation>従事を終了 (Enter)</translation>
    </message>
    <message>
        <source>&amp;Bind the operator card in the reader…</source>
        <translation>リーダーの操作者カードを登録(&amp;B)…</translation>
    </message>
    <message>
        <source>Register an operator</source>
        <translation>操作者の登録</translation>
    </message>
    <message>
        <source>Displa&amp;y name:</source>
        <translation>表示名(&amp;Y)：</translation>
    </message>
    <message>
        <source>Log&amp;in name:</source>
        <translation>ログイン名(&amp;I)：</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>役割：</translation>
    </message>
    <message>
        <source>Duty from (&amp;H):</source>
        <translation>従事開始日(&amp;H)：</translation>
    </message>
    <message>
        <source>Duty until, last day (&amp;J):</source>
        <translation>従事最終日(&amp;J)：</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, empty: no end yet</source>
        <translation>YYYY-MM-DD（空欄は期限なし）</translation>
    </message>
    <message>
        <source>Register the operator (Enter)</source>
        <translation>操作者を登録 (Enter)</translation>
    </message>
    <message>
        <source>{login} is unlocked and can log in again.</source>
        <translation>{login} のロックを解除しました。再びログインできます。</translation>
    </message>
    <message>
        <source>{login} is off duty from {day}; the history is kept.</source>
        <translation>{login} は {day} から従事を終了しました。記録はそのまま残ります。</translation>
    </message>
    <message>
        <source>Put the operator card in the reader first.</source>
        <translation>先に操作者カードをリーダーに入れてください。</translation>
    </message>
    <message>
        <source>{login} logs in with this operator card and its PIN from now on.</source>
        <translation>{login} は今後、この操作者カードと暗証番号でログインできます。</translation>
    </message>
    <message>
        <source>One-time password for {login}: {password}
Hand it over now; it is not shown again. At the next login {login} chooses their own password.</source>
        <translation>{login} の一時パスワード：{password}
今すぐ本人に渡してください。再表示はできません。次回のログイン時に {login} が自分のパスワードを決めます。</translation>
    </message>
    <message>
        <source>Choose an operator in the list first.</source>
        <translation>先に一覧から操作者を選んでください。</translation>
    </message>
    <message>
        <source>Enter the date as YYYY-MM-DD, e.g. 2026-04-01.</source>
        <translation>日付は YYYY-MM-DD の形で入力してください（例：2026-04-01）。</translation>
    </message>
    <message>
        <source>On duty today: {names}</source>
        <translation>本日の従事者：{names}</translation>
    </message>
    <message>
        <source>no end</source>
        <translation>期限なし</translation>
    </message>
    <message>
        <source>On duty</source>
        <translation>従事中</translation>
    </message>
    <message>
        <source>Off duty</source>
        <translation>従事外</translation>
    </message>
    <message>
        <source>LOCKED</source>
        <translation>ロック中</translation>
    </message>
    <message>
        <source>sets a password at the next login</source>
        <translation>次回ログイン時にパスワード設定</translation>
    </message>
    <message>
        <source>operator card</source>
        <translation>操作者カードあり</translation>
    </message>
    <message>
        <source>never</source>
        <translation>なし</translation>
    </message>
</context>
<context>
    <name>PhotoWidget</name>
    <message>
        <source>I&amp;mport photo from file…</source>
        <translation>ファイルから写真を読み込む…(&amp;M)</translation>
    </message>
    <message>
        <source>Import photo from file</source>
        <translation>ファイルから写真を読み込む</translation>
    </message>
    <message>
        <source>The bright frame is what the card shows (3:4). Click the photo, then move the frame with the arrow keys and resize it with + and -. The face goes in the oval.</source>
        <translation>明るい枠の中がカードに載る範囲です（縦横比 3:4）。写真を選んでから、矢印キーで枠を動かし、＋と－で大きさを変えます。顔は楕円の中に収めてください。</translation>
    </message>
    <message>
        <source>Photo crop frame</source>
        <translation>写真の切り抜き枠</translation>
    </message>
    <message>
        <source>Resident&apos;s photo</source>
        <translation>申請者の写真</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff)</source>
        <translation>画像 (*.jpg *.jpeg *.png *.bmp *.tif *.tiff)</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Resident&apos;s PIN</source>
        <translation>ご本人の暗証番号</translation>
    </message>
    <message>
        <source>Ask the resident to enter their 4-digit PIN. Do not enter it for them.</source>
        <translation>ご本人に暗証番号（4桁の数字）を入力していただいてください。職員が代わりに入力しないでください。</translation>
    </message>
    <message>
        <source>&amp;PIN (4 digits):</source>
        <translation>暗証番号（4桁）(&amp;P)：</translation>
    </message>
    <message>
        <source>PIN, 4 digits, hidden</source>
        <translation>暗証番号（4桁、非表示）</translation>
    </message>
    <message>
        <source>Confirm or cancel</source>
        <translation>確定またはキャンセル</translation>
    </message>
    <message>
        <source>Operator card PIN</source>
        <translation>操作者カードの暗証番号</translation>
    </message>
    <message>
        <source>The operator whose card is in the reader enters its 4-digit PIN.</source>
        <translation>リーダーのカードの持ち主である操作者が、4桁の暗証番号を入力してください。</translation>
    </message>
</context>
<context>
    <name>PinResetPage</name>
    <message>
        <source>2. Identity documents presented</source>
        <translation>2. 提示された本人確認書類</translation>
    </message>
    <message>
        <source>&amp;Reset the PIN (Ctrl+Enter)</source>
        <translation>暗証番号を再設定(&amp;R)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Tick the identity documents the resident presented.</source>
        <translation>提示された本人確認書類にチェックを入れてください。</translation>
    </message>
    <message>
        <source>No card reader: connect one first.</source>
        <translation>カードリーダーがありません。先に接続してください。</translation>
    </message>
    <message>
        <source>The PIN is reset. The resident can use the new PIN from now on.</source>
        <translation>暗証番号を再設定しました。ご本人は今から新しい暗証番号を使えます。</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Print preview: {title}</source>
        <translation>印刷プレビュー：{title}</translation>
    </message>
    <message>
        <source>Check the pages, then print. Pages print at 100 % on a page of their size.</source>
        <translation>内容を確認してから印刷してください。用紙はページと同じ大きさで、等倍（100 %）で印刷します。</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>印刷(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Save PDF</source>
        <translation>PDFを保存(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Printer: {name}</source>
        <translation>プリンター：{name}</translation>
    </message>
    <message>
        <source>No printer: the printout is saved as {file}</source>
        <translation>プリンターなし：{file} として保存します</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>プレビューを準備しています…</translation>
    </message>
    <message>
        <source>Printing… Esc stops it if it has not been sent yet.</source>
        <translation>印刷しています… まだ送信前であれば Esc で止められます。</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>保存しました：{path}</translation>
    </message>
    <message>
        <source>Sent to the printer: {count} page(s).</source>
        <translation>プリンターに送りました：{count} ページ</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>完了(&amp;D)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
</context>
<context>
    <name>PrintedFaceView</name>
    <message>
        <source>Printed field</source>
        <translation>券面の項目</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Printed face against the chip</source>
        <translation>券面とICチップの照合</translation>
    </message>
    <message>
        <source>On the card (scan)</source>
        <translation>券面（読み取り画像）</translation>
    </message>
    <message>
        <source>In the chip</source>
        <translation>ICチップ</translation>
    </message>
    <message>
        <source>The scanned card face</source>
        <translation>読み取った券面</translation>
    </message>
    <message>
        <source>{field} on the card, outlined in red</source>
        <translation>券面の{field}（赤枠）</translation>
    </message>
    <message>
        <source>Not found on the scan</source>
        <translation>読み取り画像に見つからない</translation>
    </message>
    <message>
        <source>{field} in the chip</source>
        <translation>ICチップの{field}</translation>
    </message>
    <message>
        <source>In the chip: {value}</source>
        <translation>ICチップ: {value}</translation>
    </message>
    <message>
        <source>The chip holds no image of it</source>
        <translation>ICチップにこの画像はない</translation>
    </message>
</context>
<context>
    <name>PurposesSection</name>
    <message>
        <source>Purpose&amp;s</source>
        <translation>利用目的(&amp;S)</translation>
    </message>
    <message>
        <source>Purposes in the register (retired ones in grey):</source>
        <translation>登録されている利用目的（廃止されたものは灰色）:</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>根拠法令</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>施行日</translation>
    </message>
    <message>
        <source>Council&apos;s answer</source>
        <translation>審議会答申日</translation>
    </message>
    <message>
        <source>Retired from</source>
        <translation>廃止日</translation>
    </message>
    <message>
        <source>Whom it may look up</source>
        <translation>照会できる者</translation>
    </message>
    <message>
        <source>Who works under it</source>
        <translation>担当する役割</translation>
    </message>
    <message>
        <source>Add an ordinance task</source>
        <translation>条例で定める事務を追加</translation>
    </message>
    <message>
        <source>Cod&amp;e (e.g. pref-housing-arrears):</source>
        <translation>コード（例: pref-housing-arrears）(&amp;E):</translation>
    </message>
    <message>
        <source>Na&amp;me of the task:</source>
        <translation>事務の名称(&amp;M):</translation>
    </message>
    <message>
        <source>&amp;Basis: law or ordinance:</source>
        <translation>根拠となる法令・条例(&amp;B):</translation>
    </message>
    <message>
        <source>Article (第…条):</source>
        <translation>条項（第…条）:</translation>
    </message>
    <message>
        <source>In &amp;force from (YYYY-MM-DD):</source>
        <translation>施行日（年-月-日）(&amp;F):</translation>
    </message>
    <message>
        <source>Council&apos;s answer (答申) da&amp;y:</source>
        <translation>審議会の答申日(&amp;Y):</translation>
    </message>
    <message>
        <source>Whom it may look up:</source>
        <translation>照会できる者:</translation>
    </message>
    <message>
        <source>Who works under it:</source>
        <translation>担当する役割:</translation>
    </message>
    <message>
        <source>A&amp;dd the purpose</source>
        <translation>利用目的を追加(&amp;D)</translation>
    </message>
    <message>
        <source>Retire the purpose chosen in the list</source>
        <translation>一覧で選んだ利用目的を廃止</translation>
    </message>
    <message>
        <source>Retire from t&amp;he date (YYYY-MM-DD):</source>
        <translation>廃止日（年-月-日）(&amp;H):</translation>
    </message>
    <message>
        <source>Retire it</source>
        <translation>廃止する</translation>
    </message>
    <message>
        <source>Applicant in person</source>
        <translation>窓口の申請者本人</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>入居者（名義人）</translation>
    </message>
    <message>
        <source>Guarantor</source>
        <translation>連帯保証人</translation>
    </message>
    <message>
        <source>Household member</source>
        <translation>世帯員</translation>
    </message>
    <message>
        <source>Issuing clerk</source>
        <translation>交付担当</translation>
    </message>
    <message>
        <source>Verifying clerk</source>
        <translation>確認担当</translation>
    </message>
    <message>
        <source>Application administrator</source>
        <translation>AP管理者</translation>
    </message>
    <message>
        <source>Library staff</source>
        <translation>図書館職員</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>監督者</translation>
    </message>
    <message>
        <source>Choose the purpose to retire in the list first.</source>
        <translation>先に一覧で廃止する利用目的を選んでください。</translation>
    </message>
    <message>
        <source>Added: {code} {name}. Lookups under it are allowed from {day}.</source>
        <translation>追加しました: {code} {name}。{day} からこの目的での照会ができます。</translation>
    </message>
    <message>
        <source>Retired: {code}. Lookups under it are refused from {day}.</source>
        <translation>廃止しました: {code}。{day} からこの目的での照会は拒否されます。</translation>
    </message>
</context>
<context>
    <name>ReaderList</name>
    <message>
        <source>Card readers</source>
        <translation>カードリーダー一覧</translation>
    </message>
    <message>
        <source>Choose the reader whose card is shown</source>
        <translation>カードを表示するリーダーを選んでください</translation>
    </message>
</context>
<context>
    <name>RegisterStatus</name>
    <message>
        <source>In use</source>
        <translation>利用中</translation>
    </message>
    <message>
        <source>Suspended (lost)</source>
        <translation>一時停止（紛失）</translation>
    </message>
    <message>
        <source>Revoked (re-issued)</source>
        <translation>廃止（再交付）</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>返納</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>有効期限切れ</translation>
    </message>
    <message>
        <source>Not in the register</source>
        <translation>台帳にないカード</translation>
    </message>
    <message>
        <source>The register cannot be reached</source>
        <translation>台帳に接続できません</translation>
    </message>
    <message>
        <source>The register could not be asked</source>
        <translation>台帳に照会できませんでした</translation>
    </message>
</context>
<context>
    <name>ReissuePage</name>
    <message>
        <source>5. Why the old card is replaced</source>
        <translation>5. 再交付の理由</translation>
    </message>
    <message>
        <source>Lost (suspended or not)</source>
        <translation>紛失（一時停止の有無を問わず）</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破損</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>&amp;Issue the new card (Ctrl+Enter)</source>
        <translation>新しいカードを交付(&amp;I)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>The new card is issued and the old card is revoked.</source>
        <translation>新しいカードを交付し、旧カードを廃止しました。</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <source>Print again</source>
        <translation>再印刷</translation>
    </message>
    <message>
        <source>Print a printout of the resident&apos;s card in use again. {resident}</source>
        <translation>利用中のカードの印刷物を再印刷します。{resident}</translation>
    </message>
    <message>
        <source>Print a printout of the card in the reader again: card {serial}.</source>
        <translation>リーダーのカードの印刷物を再印刷します：カード {serial}。</translation>
    </message>
    <message>
        <source>Card &amp;face (front and back)</source>
        <translation>カード券面（表と裏）(&amp;F)</translation>
    </message>
    <message>
        <source>Handover &amp;receipt (交付通知書)</source>
        <translation>交付通知書(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Last address line (back of the card)</source>
        <translation>最後の住所欄（カード裏面）(&amp;L)</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>理由(&amp;S)：</translation>
    </message>
    <message>
        <source>Required, e.g. 用紙詰まり, 印刷失敗</source>
        <translation>必須。例：用紙詰まり、印刷失敗</translation>
    </message>
    <message>
        <source>Reason for printing again</source>
        <translation>再印刷の理由</translation>
    </message>
    <message>
        <source>&amp;Print again</source>
        <translation>再印刷する(&amp;P)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Card face</source>
        <translation>カード券面</translation>
    </message>
    <message>
        <source>Handover receipt</source>
        <translation>交付通知書</translation>
    </message>
    <message>
        <source>Address line (back of the card)</source>
        <translation>住所欄（カード裏面）</translation>
    </message>
    <message>
        <source>Type the reason for printing again (for example 用紙詰まり): it is recorded with the reprint.</source>
        <translation>再印刷の理由（例：用紙詰まり）を入力してください。理由は再印刷とともに記録されます。</translation>
    </message>
    <message>
        <source>Preparing the printout…</source>
        <translation>印刷物を準備しています…</translation>
    </message>
    <message>
        <source>Check the preview, then print.</source>
        <translation>プレビューを確認してから印刷してください。</translation>
    </message>
    <message>
        <source>Printed again: {what}. The reason is recorded.</source>
        <translation>再印刷しました：{what}。理由を記録しました。</translation>
    </message>
    <message>
        <source>Not printed: {what}. Print again (Alt+P) when the printer is ready.</source>
        <translation>印刷されていません：{what}。プリンターの準備ができたら「再印刷する」（Alt+P）を押してください。</translation>
    </message>
</context>
<context>
    <name>ResidentBookingsBox</name>
    <message>
        <source>2. The resident (card and PIN)</source>
        <translation>2. 住民（カードと暗証番号）</translation>
    </message>
    <message>
        <source>&amp;Held bookings, soonest first:</source>
        <translation>この方の予約（近い順）(&amp;H):</translation>
    </message>
    <message>
        <source>The resident&apos;s bookings</source>
        <translation>この方の予約</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>施設</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Reservation number</source>
        <translation>予約番号</translation>
    </message>
    <message>
        <source>E&amp;xplanation for a cancellation after the deadline:</source>
        <translation>期限後の取消しの理由(&amp;X):</translation>
    </message>
    <message>
        <source>Reason for a late cancellation</source>
        <translation>期限後の取消しの理由</translation>
    </message>
    <message>
        <source>Cancel the s&amp;elected booking</source>
        <translation>選んだ予約を取消し(&amp;E)</translation>
    </message>
    <message>
        <source>No resident: the day view only. Insert the resident&apos;s card.</source>
        <translation>住民なし：日ごとの一覧のみ表示しています。住民のカードを差し込んでください。</translation>
    </message>
    <message>
        <source>{name} — {count} bookings</source>
        <translation>{name} — 予約 {count} 件</translation>
    </message>
</context>
<context>
    <name>ResidentPinDialog</name>
    <message>
        <source>For the resident: choose your PIN</source>
        <translation>申請者ご本人の方へ：暗証番号の設定</translation>
    </message>
    <message>
        <source>For the resident: please choose your PIN</source>
        <translation>申請者ご本人の方へ：暗証番号を決めてください</translation>
    </message>
    <message>
        <source>For the resident: your card&apos;s PIN</source>
        <translation>ご本人の方へ：カードの暗証番号</translation>
    </message>
    <message>
        <source>For the resident: please enter your card&apos;s PIN</source>
        <translation>ご本人の方へ：カードの暗証番号を入力してください</translation>
    </message>
    <message>
        <source>Enter the 4-digit PIN of your card. The clerk does not see it.</source>
        <translation>カードの4桁の暗証番号を入力してください。職員には見えません。</translation>
    </message>
    <message>
        <source>Enter the 4-digit PIN of your card, then the 14-digit unlock number printed on your card. The clerk does not see them.</source>
        <translation>カードの4桁の暗証番号を入力し、続けてカードに印字された14桁の照合番号Bを入力してください。職員には見えません。</translation>
    </message>
    <message>
        <source>Your card&apos;s PIN, 4 digits, hidden</source>
        <translation>カードの暗証番号、4桁、非表示</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>暗証番号(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>もう一度(&amp;A)：</translation>
    </message>
    <message>
        <source>Please choose another number and enter it twice.</source>
        <translation>別の番号を選び、2回入力してください。</translation>
    </message>
    <message>
        <source>New PIN, 4 digits, hidden</source>
        <translation>新しい暗証番号、4桁、非表示</translation>
    </message>
    <message>
        <source>Enter a 4-digit number only you know, then enter it again. The clerk does not see it. Numbers easy to guess are refused: one digit repeated (1111), a run of digits (1234) and your birth date.</source>
        <translation>ご本人だけが知っている4桁の数字を入力し、確認のためもう一度入力してください。職員には見えません。推測されやすい番号（同じ数字の繰り返し 1111、連続した数字 1234、生年月日）は使えません。</translation>
    </message>
    <message>
        <source>&amp;Unlock number:</source>
        <translation>照合番号B(&amp;U)：</translation>
    </message>
    <message>
        <source>Unlock number, 14 digits, hidden</source>
        <translation>照合番号B、14桁、非表示</translation>
    </message>
    <message>
        <source>New PIN again, 4 digits, hidden</source>
        <translation>新しい暗証番号をもう一度、4桁、非表示</translation>
    </message>
    <message>
        <source>The two entries are not the same. Please enter both again.</source>
        <translation>2回の入力が一致しません。もう一度両方を入力してください。</translation>
    </message>
</context>
<context>
    <name>ResidentSearch</name>
    <message>
        <source>&amp;Find the resident (kana, kanji, Latin name or birth date):</source>
        <translation>申請者を検索（かな・漢字・ローマ字氏名・生年月日）(&amp;F)：</translation>
    </message>
    <message>
        <source>e.g. ヤマダ タロウ, 山田, SMITH, 1950-04-01</source>
        <translation>例：ヤマダ タロウ、山田、SMITH、1950-04-01</translation>
    </message>
    <message>
        <source>Resident search</source>
        <translation>申請者の検索</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Kana</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>生年月日</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年齢</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Residents found: Enter chooses</source>
        <translation>検索結果：Enter で選択</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>検索しています…</translation>
    </message>
    <message>
        <source>No resident found. Check the spelling or try the birth date.</source>
        <translation>該当する住民が見つかりません。表記を確かめるか、生年月日で検索してください。</translation>
    </message>
    <message>
        <source>Many residents match; add the birth date to narrow it.</source>
        <translation>該当者が多すぎます。生年月日を加えて絞り込んでください。</translation>
    </message>
    <message>
        <source>%1 years</source>
        <translation>%1歳</translation>
    </message>
</context>
<context>
    <name>ReturnPage</name>
    <message>
        <source>2. The card</source>
        <translation>2. カード</translation>
    </message>
    <message>
        <source>The card is &amp;here: it is in the reader and its chip is invalidated</source>
        <translation>カードは窓口にある(&amp;H)：リーダーに入れ、ICチップを廃止します</translation>
    </message>
    <message>
        <source>Ta&amp;ke the card back (Ctrl+Enter)</source>
        <translation>カードを返納(&amp;K)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>No card reader: connect one first.</source>
        <translation>カードリーダーがありません。先に接続してください。</translation>
    </message>
    <message>
        <source>Take the card back</source>
        <translation>カードの返納</translation>
    </message>
    <message>
        <source>The card can never be used again. Take it back and invalidate it?</source>
        <translation>このカードは二度と使えなくなります。返納を受けて廃止しますか？</translation>
    </message>
    <message>
        <source>The card is returned and its chip is invalidated. Keep the card.</source>
        <translation>返納を受け、ICチップを廃止しました。カードは回収してください。</translation>
    </message>
    <message>
        <source>The card is recorded as returned. Its chip was not at hand.</source>
        <translation>返納として記録しました。カードが手元にないため、ICチップは廃止していません。</translation>
    </message>
</context>
<context>
    <name>SecretTries</name>
    <message>
        <source>This is the PIN&apos;s last try: if it is wrong, the PIN is locked and the resident needs a PIN reset.</source>
        <translation>暗証番号の最後の1回です。間違えると暗証番号がロックされ、暗証番号の再設定が必要になります。</translation>
    </message>
    <message>
        <source>This is the unlock number&apos;s last try: if it is wrong, the face data is locked until the issuing office resets it. Check every digit against the card.</source>
        <translation>照合番号Bの最後の1回です。間違えると、発行窓口で再設定するまで券面事項がロックされます。カードと1桁ずつ照らし合わせてください。</translation>
    </message>
    <message>
        <source>Last try</source>
        <translation>最後の1回</translation>
    </message>
    <message>
        <source>Use the last try now?</source>
        <translation>最後の1回を使いますか？</translation>
    </message>
    <message>
        <source>&amp;Use the last try</source>
        <translation>最後の1回を使う(&amp;U)</translation>
    </message>
</context>
<context>
    <name>SelfCheckSection</name>
    <message>
        <source>Self-chec&amp;k</source>
        <translation>自己点検(&amp;K)</translation>
    </message>
    <message>
        <source>What the application can check about itself: the audit trail, the key files, operators, the register&apos;s key, backups and certificates. Each check says what it found and what to do.</source>
        <translation>アプリケーションが自分で確かめられること（監査証跡、鍵ファイル、操作者、台帳の暗号鍵、バックアップ、証明書）を点検します。項目ごとに、見つかったことと対処を示します。</translation>
    </message>
    <message>
        <source>Run t&amp;he checks</source>
        <translation>点検を実行(&amp;H)</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>点検項目</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>見つかったこと</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>対処</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>点検しています…</translation>
    </message>
    <message>
        <source>Checked at %1: %2 failed, %3 warning(s), %4 OK.</source>
        <translation>%1に点検しました: 不合格 %2件、注意 %3件、問題なし %4件。</translation>
    </message>
</context>
<context>
    <name>StatisticsSection</name>
    <message>
        <source>Statistics o&amp;verview</source>
        <translation>統計(&amp;V)</translation>
    </message>
    <message>
        <source>Period &amp;from</source>
        <translation>期間の初日(&amp;F)</translation>
    </message>
    <message>
        <source>Period t&amp;o</source>
        <translation>期間の末日(&amp;O)</translation>
    </message>
    <message>
        <source>Suppress &amp;below</source>
        <translation>秘匿の基準件数(&amp;B)</translation>
    </message>
    <message>
        <source>Counts from 1 to one less than this are shown as *, in the tables too.</source>
        <translation>1件からこの件数より1少ない件数までは、表でも「*」と表示します。</translation>
    </message>
    <message>
        <source>Co&amp;mpute the figures</source>
        <translation>集計する(&amp;M)</translation>
    </message>
    <message>
        <source>Save the council report as P&amp;DF</source>
        <translation>議会提出用資料をPDFで保存(&amp;D)</translation>
    </message>
    <message>
        <source>F&amp;igure</source>
        <translation>表示する統計(&amp;I)</translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation>期間の末日が初日より前になっています。</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>集計しています…</translation>
    </message>
    <message>
        <source>The figures from %1 to %2.</source>
        <translation>%1から%2までの統計です。</translation>
    </message>
    <message>
        <source>Writing the council report…</source>
        <translation>議会提出用資料を作成しています…</translation>
    </message>
    <message>
        <source>Council report written to %1</source>
        <translation>議会提出用資料を%1に保存しました</translation>
    </message>
</context>
<context>
    <name>SuspensionPage</name>
    <message>
        <source>2. Why the card is suspended</source>
        <translation>2. 一時停止の理由</translation>
    </message>
    <message>
        <source>L&amp;ost</source>
        <translation>紛失(&amp;O)</translation>
    </message>
    <message>
        <source>Stol&amp;en</source>
        <translation>盗難(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Suspend the card now (Ctrl+Enter)</source>
        <translation>カードを今すぐ一時停止(&amp;S)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Check a card presented at the counter</source>
        <translation>窓口で提示されたカードの確認</translation>
    </message>
    <message>
        <source>Chec&amp;k the card in the reader against the register</source>
        <translation>リーダーのカードを台帳で確認(&amp;K)</translation>
    </message>
    <message>
        <source>Check the card in the reader</source>
        <translation>リーダーのカードを確認</translation>
    </message>
    <message>
        <source>Suspend the card</source>
        <translation>カードの一時停止</translation>
    </message>
    <message>
        <source>Suspend the card of {name} now? Every verification refuses it from this moment.</source>
        <translation>{name} さんのカードを今すぐ一時停止しますか？この時点から、すべての本人確認でこのカードは使えなくなります。</translation>
    </message>
    <message>
        <source>The card is suspended from now: every verification refuses it. A new card can be issued on the Re-issue page.</source>
        <translation>カードを一時停止しました。今後の本人確認ではすべて使えません。新しいカードは「再交付」画面で交付できます。</translation>
    </message>
    <message>
        <source>No card reader: connect one first.</source>
        <translation>カードリーダーがありません。先に接続してください。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認しています…</translation>
    </message>
    <message>
        <source>The register shows this card as in use.</source>
        <translation>台帳上、このカードは利用中です。</translation>
    </message>
</context>
<context>
    <name>TaskPage</name>
    <message>
        <source>No resident chosen yet.</source>
        <translation>申請者がまだ選ばれていません。</translation>
    </message>
    <message>
        <source>Chosen: {name} ({kana}), born {birth}, {address}</source>
        <translation>選択中：{name}（{kana}）&#x3000;生年月日 {birth}&#x3000;{address}</translation>
    </message>
    <message>
        <source>1. Resident</source>
        <translation>1. 申請者</translation>
    </message>
    <message>
        <source>&amp;Next resident</source>
        <translation>次の申請者(&amp;N)</translation>
    </message>
    <message>
        <source>Next resident</source>
        <translation>次の申請者</translation>
    </message>
    <message>
        <source>The register is not ready yet. Wait a moment.</source>
        <translation>住民記録の準備ができていません。少しお待ちください。</translation>
    </message>
    <message>
        <source>Find and choose the resident first.</source>
        <translation>先に申請者を検索して選んでください。</translation>
    </message>
</context>
<context>
    <name>UnconfirmedVerdict</name>
    <message>
        <source>a check that covers the data did not run</source>
        <translation>データを確認する検査が行われませんでした</translation>
    </message>
    <message>
        <source>Not checked: the card cannot be confirmed genuine. {why}</source>
        <translation>確認できません: 真正なカードか確認できません。{why}</translation>
    </message>
</context>
<context>
    <name>UnlockNumberField</name>
    <message>
        <source>&amp;QR code on the card:</source>
        <translation>カードのQRコード(&amp;Q)：</translation>
    </message>
    <message>
        <source>QR code on the card, scanned</source>
        <translation>カードのQRコード（スキャナーで読み取り）</translation>
    </message>
    <message>
        <source>&amp;Birth date as printed:</source>
        <translation>生年月日（券面の表記）(&amp;B)：</translation>
    </message>
    <message>
        <source>Birth date as printed on the card, in the Japanese era</source>
        <translation>カードに印字された和暦の生年月日</translation>
    </message>
    <message>
        <source>E&amp;xpiry year:</source>
        <translation>有効期限の年(&amp;X)：</translation>
    </message>
    <message>
        <source>Expiry year, 4 digits</source>
        <translation>有効期限の年、4桁</translation>
    </message>
    <message>
        <source>Securit&amp;y code:</source>
        <translation>セキュリティコード(&amp;Y)：</translation>
    </message>
    <message>
        <source>Security code printed on the card, 4 digits, hidden</source>
        <translation>カードに印字されたセキュリティコード、4桁、非表示</translation>
    </message>
    <message>
        <source>Scan the QR code on the front of the card</source>
        <translation>カード表面のQRコードを読み取ってください</translation>
    </message>
    <message>
        <source>e.g. S30.2.17 or 昭和30年2月17日</source>
        <translation>例：S30.2.17 または 昭和30年2月17日</translation>
    </message>
    <message>
        <source>e.g. 2036</source>
        <translation>例：2036</translation>
    </message>
    <message>
        <source>QR code read: card {serial}.</source>
        <translation>QRコードを読み取りました：カード {serial}</translation>
    </message>
    <message>
        <source>Unlock number: {tries}</source>
        <translation>照合番号B：{tries}</translation>
    </message>
</context>
<context>
    <name>VerificationPage</name>
    <message>
        <source>Purpose</source>
        <translation>利用目的</translation>
    </message>
    <message>
        <source>&amp;Purpose of the check:</source>
        <translation>確認の目的(&amp;P):</translation>
    </message>
    <message>
        <source>Purpose of the check</source>
        <translation>確認の目的</translation>
    </message>
    <message>
        <source>The presented card</source>
        <translation>提示されたカード</translation>
    </message>
    <message>
        <source>Insert the card, then scan the QR code on its front: the check starts by itself. Or type the birth date, the expiry year and the security code printed on it and press Ctrl+Enter. Or let the resident open it with the PIN.</source>
        <translation>カードをリーダーに入れ、券面のQRコードを読み取ってください。確認は自動で始まります。または券面に印刷された生年月日・有効期限の年・セキュリティコードを入力して Ctrl+Enter を押してください。住民の方に暗証番号で開いてもらうこともできます。</translation>
    </message>
    <message>
        <source>Open with the resident&apos;s P&amp;IN…</source>
        <translation>住民の暗証番号で開く(&amp;I)…</translation>
    </message>
    <message>
        <source>Open with the resident&apos;s PIN</source>
        <translation>住民の暗証番号で開く</translation>
    </message>
    <message>
        <source>&amp;Verify the card (Ctrl+Enter)</source>
        <translation>カードを確認(&amp;V) (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Read the card face fr&amp;om an image…</source>
        <translation>券面を読み取る(&amp;O)…</translation>
    </message>
    <message>
        <source>Read the card face from an image</source>
        <translation>券面を画像から読み取る</translation>
    </message>
    <message>
        <source>&amp;Next resident (Ctrl+N)</source>
        <translation>次の方(&amp;N) (Ctrl+N)</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>確認結果</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>確認項目</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>根拠</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>確認項目</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>氏名:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>住所:</translation>
    </message>
    <message>
        <source>Birth date:</source>
        <translation>生年月日:</translation>
    </message>
    <message>
        <source>Sex:</source>
        <translation>性別:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>有効期限:</translation>
    </message>
    <message>
        <source>No card can be proved genuine at this counter: {why}. Cards are shown as not checked. Ask the system administrator to configure the trust store.</source>
        <translation>この窓口ではカードが真正であることを確認できません（{why}）。カードは「確認していません」と表示されます。信頼ストアの設定をシステム管理者に依頼してください。</translation>
    </message>
    <message>
        <source>The register is not ready yet. Wait a moment.</source>
        <translation>台帳の準備ができていません。しばらくお待ちください。</translation>
    </message>
    <message>
        <source>Scan the QR code on the card, type what is printed on it, or open it with the resident&apos;s PIN.</source>
        <translation>カードのQRコードを読み取るか、券面の記載を入力するか、住民の暗証番号で開いてください。</translation>
    </message>
    <message>
        <source>Your roles allow no purpose for checking a card.</source>
        <translation>この権限ではカードを確認できる利用目的がありません。</translation>
    </message>
    <message>
        <source>No card reader: connect one first.</source>
        <translation>カードリーダーがありません。先に接続してください。</translation>
    </message>
    <message>
        <source>PIN: {tries}</source>
        <translation>暗証番号: {tries}</translation>
    </message>
    <message>
        <source>Scan of the card face</source>
        <translation>券面の読み取り画像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pnm)</source>
        <translation>画像 (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pnm)</translation>
    </message>
    <message>
        <source>The image could not be read: {why}</source>
        <translation>画像を読み込めませんでした: {why}</translation>
    </message>
    <message>
        <source>That file is not an image of the card face.</source>
        <translation>このファイルは券面の画像ではありません。</translation>
    </message>
    <message>
        <source>Card face scanned ({width} × {height} pixels).</source>
        <translation>券面を読み取りました（{width} × {height} ピクセル）。</translation>
    </message>
    <message>
        <source>No scan: the printed face is compared by eye after the check.</source>
        <translation>読み取り画像なし: 確認の後、券面を目視で照合します。</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>記録中…</translation>
    </message>
    <message>
        <source>Recorded: the printed face matches the chip, compared by eye.</source>
        <translation>記録しました: 目視で券面とICチップの一致を確認。</translation>
    </message>
    <message>
        <source>Recorded: compared by eye, these do not match: {fields}.</source>
        <translation>記録しました: 目視で照合し、一致しない項目: {fields}。</translation>
    </message>
    <message>
        <source>Not recorded: {what} {todo}</source>
        <translation>記録できませんでした: {what} {todo}</translation>
    </message>
    <message>
        <source>The register did not answer: this check is not recorded. Check identity by other means.</source>
        <translation>台帳が応答しないため、この確認は記録されていません。他の方法で本人確認をしてください。</translation>
    </message>
    <message>
        <source>Genuine, but its status is not checked: {why}</source>
        <translation>真正なカードですが、利用状態は確認していません: {why}</translation>
    </message>
    <message>
        <source>Valid: a genuine card in use; every check succeeded.</source>
        <translation>有効: 利用中の真正なカードです。すべての確認に成功しました。</translation>
    </message>
    <message>
        <source>a check that covers the data did not succeed</source>
        <translation>データを保証する確認が成功しませんでした</translation>
    </message>
    <message>
        <source>Invalid: {why}</source>
        <translation>無効: {why}</translation>
    </message>
    <message>
        <source>No data of the holder is shown: {why}</source>
        <translation>所有者のデータは表示しません: {why}</translation>
    </message>
    <message>
        <source>Not valid: do not rely on this data. {why}</source>
        <translation>無効: このデータを本人確認に使わないでください。{why}</translation>
    </message>
    <message>
        <source>the printed face and the IC chip do not match ({fields})</source>
        <translation>券面とICチップの内容が一致しない（{fields}）</translation>
    </message>
    <message>
        <source>the data was not read</source>
        <translation>データは読み取られていません</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>適用不能</translation>
    </message>
</context>
<context>
    <name>WorkflowRunner</name>
    <message>
        <source>Stop after this step (Esc)</source>
        <translation>この手順の後で止める（Esc）</translation>
    </message>
    <message>
        <source>Stop after this step</source>
        <translation>この手順の後で止める</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>やり直す(&amp;T)</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>やり直す</translation>
    </message>
    <message>
        <source>&amp;Give up</source>
        <translation>中止する(&amp;G)</translation>
    </message>
    <message>
        <source>Give up this task</source>
        <translation>この業務を中止する</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>手順</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進み具合</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完了しました。</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>この手順が終わったら止めます…</translation>
    </message>
    <message>
        <source>{step}… Leave the card in the reader.</source>
        <translation>{step}… カードはリーダーに置いたままにしてください。</translation>
    </message>
    <message>
        <source>{step}…</source>
        <translation>{step}…</translation>
    </message>
</context>
<context>
    <name>checks</name>
    <message>
        <source>Issuer signer certificate</source>
        <translation>発行者の署名者証明書</translation>
    </message>
    <message>
        <source>Card binding digest (DF31)</source>
        <translation>カード紐付けのダイジェスト (DF31)</translation>
    </message>
    <message>
        <source>Name, address, birth date and sex digest (DF32)</source>
        <translation>氏名・住所・生年月日・性別のダイジェスト (DF32)</translation>
    </message>
    <message>
        <source>Issuer signature over the text data (DF33)</source>
        <translation>券面事項（テキスト）への発行者署名 (DF33)</translation>
    </message>
    <message>
        <source>Text data belongs to this card</source>
        <translation>テキストデータがこのカードのものである</translation>
    </message>
    <message>
        <source>Issuer signature over the face data (DF28)</source>
        <translation>券面確認データへの発行者署名 (DF28)</translation>
    </message>
    <message>
        <source>J-LIS signature over birth date, sex and key (DF22-DF24)</source>
        <translation>生年月日・性別・鍵への J-LIS の署名 (DF22-DF24)</translation>
    </message>
    <message>
        <source>J-LIS signature over the name and address images (DF25-DF26)</source>
        <translation>氏名・住所の画像への J-LIS の署名 (DF25-DF26)</translation>
    </message>
    <message>
        <source>J-LIS signature over the photo (DF27)</source>
        <translation>顔写真への J-LIS の署名 (DF27)</translation>
    </message>
    <message>
        <source>Chip is genuine (challenge signed by the chip key)</source>
        <translation>ICチップが真正である（チップ鍵によるチャレンジ署名）</translation>
    </message>
    <message>
        <source>Card is within its validity period</source>
        <translation>カードが有効期限内である</translation>
    </message>
    <message>
        <source>The register shows the card in use</source>
        <translation>台帳でカードが利用中である</translation>
    </message>
    <message>
        <source>Text and face data agree (birth date, sex)</source>
        <translation>テキストと券面データが一致する（生年月日・性別）</translation>
    </message>
    <message>
        <source>The printed QR seal is genuine and belongs to this chip</source>
        <translation>印刷されたQRの電子シールが真正で、このICチップのものである</translation>
    </message>
    <message>
        <source>The printed face matches the chip</source>
        <translation>券面の印字が ICチップと一致する</translation>
    </message>
    <message>
        <source>not part of this read</source>
        <translation>今回の読み取りの対象外</translation>
    </message>
    <message>
        <source>not part of this verification</source>
        <translation>今回の確認の対象外</translation>
    </message>
    <message>
        <source>the certificate is damaged</source>
        <translation>証明書が破損しています</translation>
    </message>
    <message>
        <source>the integrity file is damaged</source>
        <translation>完全性ファイルが破損しています</translation>
    </message>
    <message>
        <source>the data file is damaged</source>
        <translation>データファイルが破損しています</translation>
    </message>
    <message>
        <source>the data matches its recorded digest</source>
        <translation>データが記録されたダイジェストと一致します</translation>
    </message>
    <message>
        <source>the data was changed after it was signed</source>
        <translation>署名後にデータが変更されています</translation>
    </message>
    <message>
        <source>no trusted signer certificate to check it</source>
        <translation>確認に使える信頼された署名者証明書がありません</translation>
    </message>
    <message>
        <source>the signed data is damaged</source>
        <translation>署名されたデータが破損しています</translation>
    </message>
    <message>
        <source>the chip key in the face data is unreadable</source>
        <translation>券面確認データのチップ鍵が読み取れません</translation>
    </message>
    <message>
        <source>the chip key is not covered by a valid signature</source>
        <translation>チップ鍵が有効な署名で保証されていません</translation>
    </message>
    <message>
        <source>the chip did not answer the challenge</source>
        <translation>ICチップがチャレンジに応答しませんでした</translation>
    </message>
    <message>
        <source>the chip holds the key the issuer signed</source>
        <translation>ICチップは発行者が署名した鍵を持っています</translation>
    </message>
    <message>
        <source>the chip does not hold the signed key: a copied card</source>
        <translation>ICチップが署名された鍵を持っていません（複製カード）</translation>
    </message>
    <message>
        <source>the expiry date is unreadable</source>
        <translation>有効期限が読み取れません</translation>
    </message>
    <message>
        <source>the binding file is damaged</source>
        <translation>紐付けファイルが破損しています</translation>
    </message>
    <message>
        <source>the data names this card&apos;s serial</source>
        <translation>データはこのカードの製造番号を示しています</translation>
    </message>
    <message>
        <source>the data was written for another card</source>
        <translation>データは別のカードのために書き込まれたものです</translation>
    </message>
    <message>
        <source>the chip key is in the face data: open it with the unlock number to check it</source>
        <translation>チップ鍵は券面確認データにあります。確認するには照合番号Bで開いてください</translation>
    </message>
    <message>
        <source>the chip holds the key recorded at issuance</source>
        <translation>ICチップは交付時に記録された鍵を持っています</translation>
    </message>
    <message>
        <source>the chip does not hold the recorded key: a copied card</source>
        <translation>ICチップが記録された鍵を持っていません（複製カード）</translation>
    </message>
    <message>
        <source>the expiry is in the face data: open it with the unlock number to check it</source>
        <translation>有効期限は券面確認データにあります。確認するには照合番号Bで開いてください</translation>
    </message>
    <message>
        <source>the register did not answer, so the card&apos;s status is not known</source>
        <translation>台帳が応答しないため、カードの状態が分かりません</translation>
    </message>
    <message>
        <source>this municipality&apos;s register has no such card</source>
        <translation>この市町村の台帳にこのカードはありません</translation>
    </message>
    <message>
        <source>a registered card</source>
        <translation>台帳にあるカード</translation>
    </message>
    <message>
        <source>not registered</source>
        <translation>台帳にない</translation>
    </message>
    <message>
        <source>only one of the text and face data was read</source>
        <translation>テキストと券面データの一方だけを読み取りました</translation>
    </message>
    <message>
        <source>the data of a failed check is not compared</source>
        <translation>失敗した確認のデータは比較しません</translation>
    </message>
    <message>
        <source>the same birth date and sex</source>
        <translation>生年月日と性別が一致しています</translation>
    </message>
    <message>
        <source>the text and face data differ</source>
        <translation>テキストと券面データが異なります</translation>
    </message>
    <message>
        <source>no QR code was read</source>
        <translation>QRコードは読み取られていません</translation>
    </message>
    <message>
        <source>the QR code is of another card</source>
        <translation>QRコードは別のカードのものです</translation>
    </message>
    <message>
        <source>a genuine seal naming this card&apos;s serial</source>
        <translation>このカードの製造番号を示す真正な電子シールです</translation>
    </message>
    <message>
        <source>the chip was not opened: the QR code is of another card</source>
        <translation>QRコードが別のカードのものなので、ICチップは開いていません</translation>
    </message>
    <message>
        <source>the signature does not match the data</source>
        <translation>署名がデータと一致しません</translation>
    </message>
    <message>
        <source>our seals are never signed before issue</source>
        <translation>この市町村の電子シールが発行日より前に署名されることはありません</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>no trust store is configured, so no issuer and no seal can be trusted</source>
        <translation>信頼ストアが設定されていないため、どの発行者も印影署名も信頼できません</translation>
    </message>
    <message>
        <source>the configured trust store directory does not exist</source>
        <translation>設定された信頼ストアのフォルダーがありません</translation>
    </message>
    <message>
        <source>the trust store holds no card CA certificate</source>
        <translation>信頼ストアにカードのCA証明書がありません</translation>
    </message>
    <message>
        <source>the trust store holds no seal signer certificate</source>
        <translation>信頼ストアに電子印影の署名者証明書がありません</translation>
    </message>
    <message>
        <source>issuer key not in the trust store</source>
        <translation>発行者の公開鍵が信頼ストアにないため確認していません</translation>
    </message>
    <message>
        <source>the card holds no signer certificate in EF 0004, so nothing can be checked</source>
        <translation>カードの EF 0004 に署名者証明書がないため、確認できません</translation>
    </message>
    <message>
        <source>the integrity file (EF 0003) opens only with the resident&apos;s PIN</source>
        <translation>改ざん検知用のファイル (EF 0003) は住民の暗証番号でしか開けません</translation>
    </message>
    <message>
        <source>the real card&apos;s chip authentication is not part of its public layout: a copy of a genuine card&apos;s data onto another chip is not detected</source>
        <translation>個人番号カードのチップ認証は公開仕様にないため、正規カードのデータを別のチップに複製したものは検出できません</translation>
    </message>
    <message>
        <source>a 個人番号カード issued by J-LIS: its status is in J-LIS&apos;s register, not this municipality&apos;s</source>
        <translation>J-LIS が発行した個人番号カードです。状態は本市の台帳ではなく J-LIS が管理しています</translation>
    </message>
    <message>
        <source>the QR code is of a card this municipality issues, not of a 個人番号カード</source>
        <translation>この QR コードは本市が発行したカードのもので、個人番号カードのものではありません</translation>
    </message>
    <message>
        <source>the expiry is in the face data: open it with 照合番号B to check it</source>
        <translation>有効期限は券面確認データにあります。照合番号B で開いて確認してください</translation>
    </message>
    <message>
        <source>the chip was not opened: give 照合番号B or the resident&apos;s PIN</source>
        <translation>チップを開いていません。照合番号B か住民の暗証番号を入力してください</translation>
    </message>
    <message>
        <source>the chip&apos;s face data was not read</source>
        <translation>ICチップの券面確認データを読んでいません</translation>
    </message>
    <message>
        <source>the chip&apos;s face data is not proven genuine, so the print is not compared</source>
        <translation>ICチップの券面確認データが正規と確認できないため、印字とは照合していません</translation>
    </message>
    <message>
        <source>in use since {date}</source>
        <translation>{date} から利用中</translation>
    </message>
    <message>
        <source>the register shows the card as: {status}</source>
        <translation>台帳上のカードの状態: {status}</translation>
    </message>
    <message>
        <source>valid until {date}</source>
        <translation>{date} まで有効</translation>
    </message>
    <message>
        <source>expired on {date}</source>
        <translation>{date} に有効期限切れ</translation>
    </message>
    <message>
        <source>signed by {name}</source>
        <translation>{name} による署名</translation>
    </message>
    <message>
        <source>the signature is not by {name}</source>
        <translation>署名が {name} によるものではありません</translation>
    </message>
    <message>
        <source>issued by {name}, which is not a trusted authority</source>
        <translation>信頼された発行者ではない {name} が発行しています</translation>
    </message>
    <message>
        <source>{name}, certified by {ca}, valid {signed}</source>
        <translation>{name}（{ca} が認証、{signed} に有効）</translation>
    </message>
    <message>
        <source>a card of another issuer ({name}); its register is not ours</source>
        <translation>他の発行者（{name}）のカードです。その台帳はこの市町村のものではありません</translation>
    </message>
    <message>
        <source>the seal is not genuine: {why}</source>
        <translation>電子シールが真正ではありません: {why}</translation>
    </message>
    <message>
        <source>the signature of {name} on the certificate is not valid</source>
        <translation>証明書に対する {name} の署名が正しくありません</translation>
    </message>
    <message>
        <source>{name} is valid from {start} to {end}, not {signed}</source>
        <translation>{name} の有効期間は {start} から {end} までで、{signed}を含みません</translation>
    </message>
    <message>
        <source>on {date}, the day the card was signed</source>
        <translation>カードに署名した日（{date}）</translation>
    </message>
    <message>
        <source>between {start} and {end}, when the card was signed</source>
        <translation>カードに署名した期間（{start} から {end} の間）</translation>
    </message>
    <message>
        <source>the seal names {signer} certificate {reference}; the trust store has {others}</source>
        <translation>電子シールは {signer} の証明書 {reference} を示していますが、信頼済みの証明書は {others} です</translation>
    </message>
    <message>
        <source>the seal names {signer} certificate {reference}; the certificate given has {others}</source>
        <translation>電子シールは {signer} の証明書 {reference} を示していますが、指定された証明書は {others} です</translation>
    </message>
    <message>
        <source>signed {date}, outside the certificate&apos;s validity {start} to {end}</source>
        <translation>{date} に署名されており、証明書の有効期間（{start} から {end}）の外です</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} から {end}</translation>
    </message>
    <message>
        <source>all {count} printed fields match the chip</source>
        <translation>印字の {count} 項目すべてが ICチップと一致しました</translation>
    </message>
    <message>
        <source>the printed face differs from the chip: {fields}</source>
        <translation>券面の印字が ICチップと異なります：{fields}</translation>
    </message>
    <message>
        <source>on or after {date}</source>
        <translation>{date} 以降</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未確認</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Not present</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>expected {expected}, found {found}</source>
        <translation>期待値 {expected}、実際 {found}</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The card did not answer as expected.</source>
        <translation>カードから正しい応答がありませんでした。</translation>
    </message>
    <message>
        <source>Take the card out, put it back in, and try again. If it fails again the card may be damaged.</source>
        <translation>カードをいったん取り出し、置き直してからもう一度お試しください。それでも失敗する場合は、カードが破損しているおそれがあります。</translation>
    </message>
    <message>
        <source>The card could not be read or written.</source>
        <translation>カードの読み書きができませんでした。</translation>
    </message>
    <message>
        <source>Take the card out, put it back in the reader, and try again.</source>
        <translation>カードをいったん取り出し、リーダーに置き直してからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The card was taken out of the reader during the operation.</source>
        <translation>処理の途中でカードがリーダーから外されました。</translation>
    </message>
    <message>
        <source>Put the card back in the reader and start the operation again.</source>
        <translation>カードをリーダーに置き直し、最初から操作をやり直してください。</translation>
    </message>
    <message>
        <source>There is no card in the reader.</source>
        <translation>リーダーにカードがありません。</translation>
    </message>
    <message>
        <source>Put the card in the reader.</source>
        <translation>カードをリーダーに置いてください。</translation>
    </message>
    <message>
        <source>The card reader is not available.</source>
        <translation>カードリーダーを利用できません。</translation>
    </message>
    <message>
        <source>Check that the reader is connected. If it is, restart the card service or the PC.</source>
        <translation>カードリーダーが接続されているか確認してください。接続されている場合は、カードサービスまたはパソコンを再起動してください。</translation>
    </message>
    <message>
        <source>The issuer certificate is damaged or not in the expected format.</source>
        <translation>発行者の証明書が破損しているか、想定した形式ではありません。</translation>
    </message>
    <message>
        <source>Treat the card as not verified. If this happens with a card this office issued, call the system administrator.</source>
        <translation>このカードは確認できなかったものとして扱ってください。当庁で発行したカードで起きた場合は、システム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>The card refused the operation: the needed authentication is missing.</source>
        <translation>カードが操作を拒否しました。必要な認証が行われていません。</translation>
    </message>
    <message>
        <source>Start the operation again from the beginning.</source>
        <translation>最初から操作をやり直してください。</translation>
    </message>
    <message>
        <source>The card already holds this service application.</source>
        <translation>このカードには、すでにこのサービスのアプリケーションが入っています。</translation>
    </message>
    <message>
        <source>Remove the application first if you want to install it again.</source>
        <translation>入れ直す場合は、先にアプリケーションを削除してください。</translation>
    </message>
    <message>
        <source>The card does not hold the application needed for this operation.</source>
        <translation>この操作に必要なアプリケーションがカードに入っていません。</translation>
    </message>
    <message>
        <source>Check that this is the right card. If it is, the card may need to be re-issued.</source>
        <translation>正しいカードか確認してください。正しいカードの場合は、再交付が必要なことがあります。</translation>
    </message>
    <message>
        <source>The card has already been issued; it cannot be issued again.</source>
        <translation>このカードは発行済みです。もう一度発行することはできません。</translation>
    </message>
    <message>
        <source>Use a blank card for a new issuance.</source>
        <translation>新規の発行には未発行（ブランク）のカードを使ってください。</translation>
    </message>
    <message>
        <source>The data on the card is damaged or not in the expected format.</source>
        <translation>カードのデータが破損しているか、想定した形式ではありません。</translation>
    </message>
    <message>
        <source>Treat the card as not verified. If this card was issued here, re-issue it.</source>
        <translation>このカードは確認できなかったものとして扱ってください。当庁で発行したカードの場合は、再交付してください。</translation>
    </message>
    <message>
        <source>The card has no room left for this data.</source>
        <translation>カードにこのデータを記録する空き容量がありません。</translation>
    </message>
    <message>
        <source>Remove a service application the resident no longer uses, then try again.</source>
        <translation>ご本人が使わなくなったサービスのアプリケーションを削除してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The card is not in use: it is blank, its issuance was not finished, or it is suspended.</source>
        <translation>このカードは利用中ではありません（未発行、発行処理が完了していない、または一時停止中です）。</translation>
    </message>
    <message>
        <source>Use the issuing workflow to finish or resume the card, or use another card.</source>
        <translation>発行の手続きで発行を完了または再開するか、別のカードを使ってください。</translation>
    </message>
    <message>
        <source>The card holds no resident data yet (it is blank or its issuance was interrupted).</source>
        <translation>カードに住民のデータがまだありません（未発行か、発行処理が中断されています）。</translation>
    </message>
    <message>
        <source>Finish the issuance: it starts over safely. Otherwise use another card.</source>
        <translation>発行を完了してください（最初から安全にやり直せます）。または別のカードを使ってください。</translation>
    </message>
    <message>
        <source>The card is suspended: it cannot be read until it is resumed.</source>
        <translation>このカードは一時停止中です。再開するまで読み取れません。</translation>
    </message>
    <message>
        <source>If an address change was interrupted, run the address change again to resume it. If the card was reported lost, do not hand it back; follow the lost-card procedure.</source>
        <translation>住所変更が中断された場合は、住所変更をもう一度行うと再開できます。紛失届が出ているカードの場合は、お返しせず、紛失時の手順に従ってください。</translation>
    </message>
    <message>
        <source>The card has been invalidated (returned or cancelled) and can no longer be used.</source>
        <translation>このカードは廃止（返納または失効）されており、使用できません。</translation>
    </message>
    <message>
        <source>Keep the card for disposal. The resident needs a new card.</source>
        <translation>カードは廃棄のためお預かりしてください。ご本人には新しいカードが必要です。</translation>
    </message>
    <message>
        <source>A file the card should hold is missing.</source>
        <translation>カードにあるはずのファイルがありません。</translation>
    </message>
    <message>
        <source>The PIN is not correct.</source>
        <translation>暗証番号が違います。</translation>
    </message>
    <message>
        <source>Ask the resident to enter the PIN again. When no tries are left the PIN is blocked.</source>
        <translation>ご本人にもう一度暗証番号を入力していただいてください。残り回数がなくなると、暗証番号はロックされます。</translation>
    </message>
    <message>
        <source>The card did not accept this office&apos;s issuer keys.</source>
        <translation>カードが当庁の発行者鍵を受け付けませんでした。</translation>
    </message>
    <message>
        <source>This card was not prepared for this office, or the issuer keys are wrong. Call the system administrator.</source>
        <translation>当庁向けに準備されたカードではないか、発行者鍵が正しくありません。システム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>Only one try is left: a wrong number now would lock the card.</source>
        <translation>残りの試行回数は1回です。ここで番号を誤るとカードがロックされます。</translation>
    </message>
    <message>
        <source>Check the number against the card once more, then confirm that it should be sent. If in doubt, check identity by other means.</source>
        <translation>番号をもう一度カードと照らし合わせてから、送信してよいことを確認してください。不安があるときは、ほかの方法で本人確認をしてください。</translation>
    </message>
    <message>
        <source>This counter has no trust store, so no card can be proved genuine.</source>
        <translation>この窓口には信頼ストアがないため、カードが真正であることを確認できません。</translation>
    </message>
    <message>
        <source>Do not accept the card as proof of identity yet. Ask the system administrator to configure the trust store (the certificates exported at the key ceremony).</source>
        <translation>まだこのカードを本人確認書類として受け付けないでください。信頼ストア（鍵の管理手続きで書き出した証明書）の設定をシステム管理者に依頼してください。</translation>
    </message>
    <message>
        <source>This card is not a resident card of this system.</source>
        <translation>このカードは、このシステムの住民基本台帳カードではありません。</translation>
    </message>
    <message>
        <source>Check that the resident gave you the right card and that it faces the right way.</source>
        <translation>お預かりしたカードが正しいか、向きが正しいかを確認してください。</translation>
    </message>
    <message>
        <source>The PIN is blocked: it was entered wrongly too many times.</source>
        <translation>暗証番号がロックされています（誤入力の回数が上限に達しました）。</translation>
    </message>
    <message>
        <source>Confirm the resident&apos;s identity with another document, then reset the PIN.</source>
        <translation>別の本人確認書類でご本人であることを確認してから、暗証番号を再設定してください。</translation>
    </message>
    <message>
        <source>A PIN must be exactly 4 digits.</source>
        <translation>暗証番号は4桁の数字です。</translation>
    </message>
    <message>
        <source>Ask the resident to choose a PIN of 4 digits (0-9).</source>
        <translation>ご本人に4桁の数字（0〜9）で暗証番号を決めていただいてください。</translation>
    </message>
    <message>
        <source>The card asks for the resident&apos;s PIN before it shows this data.</source>
        <translation>このデータを表示するには、ご本人の暗証番号が必要です。</translation>
    </message>
    <message>
        <source>Ask the resident to enter the 4-digit PIN.</source>
        <translation>ご本人に4桁の暗証番号を入力していただいてください。</translation>
    </message>
    <message>
        <source>The face data is locked: the unlock number was entered wrongly too many times.</source>
        <translation>券面事項がロックされています（照合番号Bの誤入力の回数が上限に達しました）。</translation>
    </message>
    <message>
        <source>The issuing office can reset the unlock number. Check identity by other means.</source>
        <translation>照合番号Bは発行窓口で再設定できます。本人確認は別の方法で行ってください。</translation>
    </message>
    <message>
        <source>The unlock number (照合番号B) is not correct.</source>
        <translation>照合番号Bが違います。</translation>
    </message>
    <message>
        <source>Check the birth date, the expiry year and the security code printed on the card, and enter the number again.</source>
        <translation>カードに印字された生年月日、有効期限の年、セキュリティコードを確認して、もう一度入力してください。</translation>
    </message>
    <message>
        <source>An unlock number (照合番号B) is exactly 14 digits.</source>
        <translation>照合番号Bは14桁の数字です。</translation>
    </message>
    <message>
        <source>Enter the birth date in the Japanese era (YYMMDD), the expiry year (YYYY) and the 4-digit security code, all printed on the card.</source>
        <translation>カードに印字された和暦の生年月日（YYMMDD）、有効期限の年（YYYY）、4桁のセキュリティコードを続けて入力してください。</translation>
    </message>
    <message>
        <source>The card asks for the unlock number (照合番号B) before it shows the face data.</source>
        <translation>券面事項を表示するには、照合番号Bが必要です。</translation>
    </message>
    <message>
        <source>Enter the unlock number built from the data printed on the card.</source>
        <translation>カードに印字された内容から照合番号Bを入力してください。</translation>
    </message>
    <message>
        <source>The card failed a genuineness check: its data may be altered or copied.</source>
        <translation>カードの真正性の確認に失敗しました。データが改ざんまたは複製されているおそれがあります。</translation>
    </message>
    <message>
        <source>Do not accept this card as proof of identity. Keep it, check identity by other means, and report it to the issuing office.</source>
        <translation>このカードを本人確認書類として受け付けないでください。カードをお預かりし、別の方法で本人確認を行い、発行窓口に報告してください。</translation>
    </message>
    <message>
        <source>The Japanese font needed to draw the card&apos;s name and address images is missing.</source>
        <translation>カードの氏名・住所の画像を作るための日本語フォントがありません。</translation>
    </message>
    <message>
        <source>Install the package fonts-ipaexfont (sudo apt install fonts-ipaexfont), or set COUNTER_APP_FONT to a Japanese TrueType or OpenType font file.</source>
        <translation>fonts-ipaexfont パッケージをインストールする（sudo apt install fonts-ipaexfont）か、COUNTER_APP_FONT に日本語の TrueType または OpenType フォントファイルを指定してください。</translation>
    </message>
    <message>
        <source>The Japanese font cannot draw some characters of the name or address.</source>
        <translation>氏名または住所の一部の文字を、日本語フォントで表示できません。</translation>
    </message>
    <message>
        <source>Check the characters. For rare kanji (外字) set COUNTER_APP_FONT to a font that has them, for example IPAmj明朝, or call the system administrator.</source>
        <translation>文字を確認してください。外字の場合は COUNTER_APP_FONT にその文字を含むフォント（IPAmj明朝など）を指定するか、システム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>The text is too long to fit on the card.</source>
        <translation>文字数が多すぎて、カードに収まりません。</translation>
    </message>
    <message>
        <source>Shorten the text as the register allows, or call the system administrator.</source>
        <translation>住民票の記載の範囲で短くするか、システム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>The issuer keys in the data directory are missing or damaged.</source>
        <translation>データフォルダーの発行者鍵が見つからないか、破損しています。</translation>
    </message>
    <message>
        <source>Do not issue cards. Restore the issuer folder of the data directory from the backup, or call the system administrator.</source>
        <translation>カードを発行しないでください。データフォルダーの issuer フォルダーをバックアップから復元するか、システム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>The resident&apos;s data cannot be written to a card.</source>
        <translation>この住民のデータはカードに書き込めません。</translation>
    </message>
    <message>
        <source>Check the resident&apos;s data against the register and correct it.</source>
        <translation>住民票の記載と照らし合わせて、データを確認・修正してください。</translation>
    </message>
    <message>
        <source>The address cannot be written to the card.</source>
        <translation>住所をカードに書き込めません。</translation>
    </message>
    <message>
        <source>Enter the address as registered, on one line, without leading or trailing spaces.</source>
        <translation>住所は住民票の記載どおり、1行で、前後に空白を入れずに入力してください。</translation>
    </message>
    <message>
        <source>The date of birth is not valid.</source>
        <translation>生年月日が正しくありません。</translation>
    </message>
    <message>
        <source>Enter the date of birth as registered; it cannot be in the future.</source>
        <translation>生年月日は住民票の記載どおりに入力してください。未来の日付は入力できません。</translation>
    </message>
    <message>
        <source>The card&apos;s expiry date is not valid.</source>
        <translation>カードの有効期限が正しくありません。</translation>
    </message>
    <message>
        <source>The expiry date must be after today and after the date of birth.</source>
        <translation>有効期限は、今日および生年月日より後の日付にしてください。</translation>
    </message>
    <message>
        <source>The name cannot be written to the card.</source>
        <translation>氏名をカードに書き込めません。</translation>
    </message>
    <message>
        <source>Enter the name as registered: family name, a full-width space, given name. Remove line breaks and leading or trailing spaces.</source>
        <translation>氏名は住民票の記載どおり、氏・全角スペース・名の順に入力してください。改行と前後の空白は削除してください。</translation>
    </message>
    <message>
        <source>The photo cannot be written to the card.</source>
        <translation>写真をカードに書き込めません。</translation>
    </message>
    <message>
        <source>Use a JPEG photo; the photo and the name and address images together must stay under 32 kB. Scan the photo again at a lower quality.</source>
        <translation>写真はJPEG形式にしてください。写真と氏名・住所の画像を合わせて32KB未満に収める必要があります。画質を下げて写真を読み取り直してください。</translation>
    </message>
    <message>
        <source>The resident record code must be 11 digits.</source>
        <translation>住民票コードは11桁の数字です。</translation>
    </message>
    <message>
        <source>Check the resident record code against the register, or leave it out.</source>
        <translation>住民票コードを住民基本台帳と照らし合わせて確認するか、入力せずに進めてください。</translation>
    </message>
    <message>
        <source>The sex must be male, female or not applicable.</source>
        <translation>性別は「男」「女」「該当なし」のいずれかです。</translation>
    </message>
    <message>
        <source>Choose the sex as registered.</source>
        <translation>性別は住民票の記載どおりに選んでください。</translation>
    </message>
    <message>
        <source>The secure connection to the card could not be set up, or it was broken.</source>
        <translation>カードとの安全な通信を確立できなかったか、途中で切れました。</translation>
    </message>
    <message>
        <source>Take the card out, put it back in the reader and start the operation again. If it happens again, the card may not be one of ours: call the system administrator.</source>
        <translation>カードをいったん取り出し、リーダーに置き直して、最初から操作をやり直してください。再び起きる場合は、当庁のカードではない可能性があります。システム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>The expiry year must be 4 digits.</source>
        <translation>有効期限の年は4桁の数字です。</translation>
    </message>
    <message>
        <source>Type the year of the expiry date printed on the card, for example 2036.</source>
        <translation>カードに印字された有効期限の年を入力してください（例：2036）。</translation>
    </message>
    <message>
        <source>A card file already exists at that place.</source>
        <translation>その場所には、すでにカードのファイルがあります。</translation>
    </message>
    <message>
        <source>Choose another file name, or replace the card on purpose (--force).</source>
        <translation>別のファイル名を指定するか、置き換える場合は意図的に上書きしてください(--force)。</translation>
    </message>
    <message>
        <source>A file given on the command line could not be read.</source>
        <translation>コマンドラインで指定したファイルを読み込めませんでした。</translation>
    </message>
    <message>
        <source>Check the file name and that you may read the file, then try again.</source>
        <translation>ファイル名と、そのファイルを読む権限があるかを確認して、もう一度実行してください。</translation>
    </message>
    <message>
        <source>No reader with a card was found.</source>
        <translation>カードが入っているリーダーが見つかりません。</translation>
    </message>
    <message>
        <source>Put the card in the reader, or name the reader with --reader.</source>
        <translation>カードをリーダーに入れるか、--reader でリーダーを指定してください。</translation>
    </message>
    <message>
        <source>The facility cannot be added as described.</source>
        <translation>指定された内容では施設を登録できません。</translation>
    </message>
    <message>
        <source>Correct the flag the detail names (counter-app facilities add --help), then run the command again.</source>
        <translation>詳細に示された指定を直して（counter-app facilities add --help を参照）、もう一度実行してください。</translation>
    </message>
    <message>
        <source>The operator&apos;s password was not given.</source>
        <translation>職員のパスワードが入力されていません。</translation>
    </message>
    <message>
        <source>Run the command in a terminal to type the password, or set COUNTER_APP_OPERATOR_PASSWORD, or use --password-stdin.</source>
        <translation>端末でコマンドを実行してパスワードを入力するか、COUNTER_APP_OPERATOR_PASSWORD を設定するか、--password-stdin を使ってください。</translation>
    </message>
    <message>
        <source>The printout could not be saved.</source>
        <translation>印刷データを保存できませんでした。</translation>
    </message>
    <message>
        <source>Check that the folder exists and that you may write to it, then try again.</source>
        <translation>保存先のフォルダーがあり、書き込めることを確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The code or file given for checking could not be read.</source>
        <translation>確認のために指定したコードまたはファイルを読み取れませんでした。</translation>
    </message>
    <message>
        <source>Check the file or text given, or scan the code again with the paper flat and well lit. If it still cannot be read, check the document by eye and call the issuing office.</source>
        <translation>指定したファイルや文字列を確認するか、用紙を平らにして明るい場所でコードを読み取り直してください。それでも読み取れない場合は、書類を目視で確認し、発行窓口に連絡してください。</translation>
    </message>
    <message>
        <source>The service type file cannot be used.</source>
        <translation>サービス定義ファイルを使用できません。</translation>
    </message>
    <message>
        <source>Correct what the detail names (docs/services.md shows an example file), then run the command again.</source>
        <translation>詳細に示された項目を直して（ファイルの例は docs/services.md にあります）、もう一度実行してください。</translation>
    </message>
    <message>
        <source>The application is not configured correctly.</source>
        <translation>アプリケーションの設定が正しくありません。</translation>
    </message>
    <message>
        <source>Call the system administrator.</source>
        <translation>システム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>An unexpected error occurred.</source>
        <translation>予期しないエラーが発生しました。</translation>
    </message>
    <message>
        <source>Try again. If it happens again, call the system administrator.</source>
        <translation>もう一度お試しください。再び起きる場合は、システム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>COUNTER_APP_MUNICIPALITY_CODE is not a valid local government code (全国地方公共団体コード).</source>
        <translation>設定 COUNTER_APP_MUNICIPALITY_CODE の値が正しい全国地方公共団体コードではありません。</translation>
    </message>
    <message>
        <source>Set COUNTER_APP_MUNICIPALITY_CODE to the municipality&apos;s six-digit code with its check digit (for example 131016), then start again.</source>
        <translation>COUNTER_APP_MUNICIPALITY_CODE に検査数字を含む6桁の団体コード（例：131016）を設定し、起動し直してください。</translation>
    </message>
    <message>
        <source>The municipality and its mayor are not configured, so certificates cannot be printed.</source>
        <translation>市区町村名と市区町村長名が設定されていないため、証明書を印刷できません。</translation>
    </message>
    <message>
        <source>Set COUNTER_APP_MUNICIPALITY (the municipality&apos;s name), COUNTER_APP_MUNICIPALITY_CODE (its six-digit code) and COUNTER_APP_MAYOR (the mayor&apos;s name), then start again.</source>
        <translation>システム管理者が COUNTER_APP_MUNICIPALITY（市区町村名）、COUNTER_APP_MUNICIPALITY_CODE（6桁の団体コード）、COUNTER_APP_MAYOR（市区町村長の氏名）を設定し、起動し直してください。</translation>
    </message>
    <message>
        <source>The text recognition program failed on the scanned card face.</source>
        <translation>券面の画像から文字を読み取れませんでした（文字認識プログラムの失敗）。</translation>
    </message>
    <message>
        <source>Scan the card again; if it keeps failing, compare the card face by eye.</source>
        <translation>もう一度カードを読み取ってください。続けて失敗する場合は、券面を目視で照合してください。</translation>
    </message>
    <message>
        <source>The text recognition program (tesseract with Japanese data) is not installed.</source>
        <translation>文字認識プログラム（日本語データ付きの tesseract）がインストールされていません。</translation>
    </message>
    <message>
        <source>Install the packages tesseract-ocr and tesseract-ocr-jpn (sudo apt install tesseract-ocr tesseract-ocr-jpn), or compare the card face by eye.</source>
        <translation>パッケージ tesseract-ocr と tesseract-ocr-jpn をインストールしてください（sudo apt install tesseract-ocr tesseract-ocr-jpn）。それまでは券面を目視で照合してください。</translation>
    </message>
    <message>
        <source>The scanned image of the card face could not be read.</source>
        <translation>券面の画像を読み込めませんでした。</translation>
    </message>
    <message>
        <source>Scan the card again, or choose a PNG, JPEG or TIFF image file of the card face.</source>
        <translation>もう一度カードを読み取るか、券面の PNG・JPEG・TIFF 画像ファイルを選んでください。</translation>
    </message>
    <message>
        <source>The scanner did not scan the card face.</source>
        <translation>スキャナーで券面を読み取れませんでした。</translation>
    </message>
    <message>
        <source>Check that the scanner is switched on and connected and that its name is right (`scanimage -L` lists the scanners), put the card on the glass and scan again.</source>
        <translation>スキャナーの電源と接続、名前（`scanimage -L` で一覧できます）を確認し、カードを原稿台に置いてもう一度読み取ってください。</translation>
    </message>
    <message>
        <source>The scanning program (SANE&apos;s scanimage) is not installed.</source>
        <translation>スキャナーのプログラム（SANE の scanimage）がインストールされていません。</translation>
    </message>
    <message>
        <source>Install the package sane-utils (sudo apt install sane-utils) and the scanner&apos;s SANE driver, or scan the card with another program and choose the image file.</source>
        <translation>パッケージ sane-utils（sudo apt install sane-utils）とスキャナーの SANE ドライバーをインストールするか、別のプログラムで読み取った画像ファイルを選んでください。</translation>
    </message>
    <message>
        <source>The card face was not found in the scanned image: its QR code could not be read.</source>
        <translation>画像の中にカードの券面が見つかりません。QR コードを読み取れませんでした。</translation>
    </message>
    <message>
        <source>Scan the front of the card again, flat on the glass at 300 dpi or more; for a photo, hold the camera straight over the card in good light.</source>
        <translation>カードの表面を原稿台に平らに置き、300 dpi 以上でもう一度読み取ってください。写真の場合は、明るい所でカードの真上から撮ってください。</translation>
    </message>
    <message>
        <source>The birth date is not written as a Japanese era date.</source>
        <translation>生年月日が和暦の形になっていません。</translation>
    </message>
    <message>
        <source>Type the era and the date as printed on the card, for example S30.2.17 or 昭和30年2月17日 (M, T, S, H, R for 明治, 大正, 昭和, 平成, 令和).</source>
        <translation>カードに印字されたとおり元号と日付を入力してください。例：S30.2.17 または 昭和30年2月17日（明治 M、大正 T、昭和 S、平成 H、令和 R）。</translation>
    </message>
    <message>
        <source>That birth date does not exist in that era.</source>
        <translation>その元号にその生年月日はありません。</translation>
    </message>
    <message>
        <source>Check the era, the year, the month and the day printed on the card.</source>
        <translation>カードに印字された元号・年・月・日を確認してください。</translation>
    </message>
    <message>
        <source>The security code must be exactly 4 digits.</source>
        <translation>セキュリティコードは4桁の数字です。</translation>
    </message>
    <message>
        <source>Enter the 4-digit security code printed on the card.</source>
        <translation>カードに印字された4桁のセキュリティコードを入力してください。</translation>
    </message>
    <message>
        <source>The security module that holds the municipality&apos;s keys cannot be used.</source>
        <translation>自治体の鍵を保管するセキュリティモジュールを使用できません。</translation>
    </message>
    <message>
        <source>Do not issue cards or print certificates. Check that the security module is connected and call the system administrator.</source>
        <translation>カードの交付や証明書の印刷は行わないでください。セキュリティモジュールが接続されているか確認し、システム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>A key this counter needs is not in the security module&apos;s token.</source>
        <translation>この窓口に必要な鍵がセキュリティモジュールのトークンにありません。</translation>
    </message>
    <message>
        <source>Do not issue cards or print. The supervisor creates the keys in the token with `counter-app keys create-ca` and `counter-app keys create-signer` (docs/keys.md).</source>
        <translation>カードの交付や印刷は行わないでください。監督者が `counter-app keys create-ca` と `counter-app keys create-signer` でトークンに鍵を作成します（docs/keys.md）。</translation>
    </message>
    <message>
        <source>The security module&apos;s PKCS#11 library cannot be loaded.</source>
        <translation>セキュリティモジュールの PKCS#11 ライブラリを読み込めません。</translation>
    </message>
    <message>
        <source>Check that COUNTER_APP_PKCS11_MODULE names the module&apos;s library file (for SoftHSM2, libsofthsm2.so) and that the module&apos;s software is installed, then start again.</source>
        <translation>COUNTER_APP_PKCS11_MODULE がモジュールのライブラリファイル（SoftHSM2 では libsofthsm2.so）を指していること、モジュールのソフトウェアがインストールされていることを確認してから、もう一度起動してください。</translation>
    </message>
    <message>
        <source>No security module is configured, so this counter cannot sign cards or printouts (key files are used only in the training mode).</source>
        <translation>セキュリティモジュールが設定されていないため、この窓口ではカードや印刷物に署名できません（鍵ファイルは訓練モードでのみ使用します）。</translation>
    </message>
    <message>
        <source>Set COUNTER_APP_PKCS11_MODULE, COUNTER_APP_TOKEN_LABEL and COUNTER_APP_TOKEN_PIN_FILE (see docs/keys.md), then start again.</source>
        <translation>COUNTER_APP_PKCS11_MODULE、COUNTER_APP_TOKEN_LABEL、COUNTER_APP_TOKEN_PIN_FILE を設定してから（docs/keys.md 参照）、もう一度起動してください。</translation>
    </message>
    <message>
        <source>The security module has no token with the configured label.</source>
        <translation>設定されたラベルのトークンがセキュリティモジュールにありません。</translation>
    </message>
    <message>
        <source>Check that the security module is connected and that COUNTER_APP_TOKEN_LABEL names its token, then start again.</source>
        <translation>セキュリティモジュールが接続されていること、COUNTER_APP_TOKEN_LABEL がそのトークンを指していることを確認してから、もう一度起動してください。</translation>
    </message>
    <message>
        <source>The security module could not complete a key operation.</source>
        <translation>セキュリティモジュールで鍵の操作を完了できませんでした。</translation>
    </message>
    <message>
        <source>Try again. If it fails again, check that the security module is connected and call the system administrator.</source>
        <translation>もう一度お試しください。再び失敗する場合は、セキュリティモジュールが接続されているか確認し、システム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>The security module refused the token&apos;s PIN.</source>
        <translation>セキュリティモジュールがトークンの PIN を受け付けませんでした。</translation>
    </message>
    <message>
        <source>Do not start the counter again and again: the token locks after a few wrong PINs. Ask the system administrator to check the PIN file named by COUNTER_APP_TOKEN_PIN_FILE.</source>
        <translation>何度も起動し直さないでください。PIN を数回誤るとトークンがロックされます。COUNTER_APP_TOKEN_PIN_FILE が指す PIN ファイルの確認をシステム管理者に依頼してください。</translation>
    </message>
    <message>
        <source>The file holding the token&apos;s PIN cannot be read.</source>
        <translation>トークンの PIN を記録したファイルを読み取れません。</translation>
    </message>
    <message>
        <source>Check that COUNTER_APP_TOKEN_PIN_FILE names a file this counter&apos;s user can read, holding the PIN on one line, then start again.</source>
        <translation>COUNTER_APP_TOKEN_PIN_FILE が、この窓口の利用者が読み取れ、PIN を 1 行で記録したファイルを指していることを確認してから、もう一度起動してください。</translation>
    </message>
    <message>
        <source>The token&apos;s PIN is locked after too many wrong tries.</source>
        <translation>誤った入力が多すぎたため、トークンの PIN がロックされています。</translation>
    </message>
    <message>
        <source>Call the system administrator: the token&apos;s security officer must unlock the PIN.</source>
        <translation>システム管理者に連絡してください。トークンのセキュリティ管理者が PIN のロックを解除する必要があります。</translation>
    </message>
    <message>
        <source>This item is not on loan.</source>
        <translation>この資料は貸出中ではありません。</translation>
    </message>
    <message>
        <source>Nothing to return or renew: check the barcode.</source>
        <translation>返却・延長するものはありません。バーコードを確認してください。</translation>
    </message>
    <message>
        <source>This item is lent to another patron.</source>
        <translation>この資料は別の利用者に貸出中です。</translation>
    </message>
    <message>
        <source>Return the item first (it may have been brought back without being returned).</source>
        <translation>先に返却処理をしてください（返却処理をせずに戻された資料かもしれません）。</translation>
    </message>
    <message>
        <source>The library system does not know this item barcode.</source>
        <translation>図書館システムにこのバーコードの資料がありません。</translation>
    </message>
    <message>
        <source>Check the barcode, or scan it again.</source>
        <translation>バーコードを確認するか、もう一度読み取ってください。</translation>
    </message>
    <message>
        <source>The connection to the library system was lost during the transaction.</source>
        <translation>処理の途中で図書館システムとの接続が切れました。</translation>
    </message>
    <message>
        <source>Try again: the app asks the library system first, so nothing is recorded twice.</source>
        <translation>もう一度操作してください。先に図書館システムに確認するので、二重に記録されることはありません。</translation>
    </message>
    <message>
        <source>The card does not hold the data that was written to it.</source>
        <translation>カードに、書き込んだとおりのデータが記録されていません。</translation>
    </message>
    <message>
        <source>Do not hand this card over. Issue again with a new blank card.</source>
        <translation>このカードは交付しないでください。新しい未使用のカードで、もう一度交付してください。</translation>
    </message>
    <message>
        <source>The register shows this card as not in use (suspended, revoked or returned).</source>
        <translation>台帳では、このカードは使用できない状態です（一時停止・失効・返納）。</translation>
    </message>
    <message>
        <source>Do not accept the card. Follow the procedure for the card&apos;s status shown.</source>
        <translation>このカードは受け付けないでください。表示された状態に応じた手続きを行ってください。</translation>
    </message>
    <message>
        <source>This card is not in the register.</source>
        <translation>このカードは台帳に登録されていません。</translation>
    </message>
    <message>
        <source>Do not accept the card. Report it to the issuing office.</source>
        <translation>このカードは受け付けないでください。交付窓口に報告してください。</translation>
    </message>
    <message>
        <source>The card did not pass its checks after writing.</source>
        <translation>書き込み後のカードの確認で、不合格の項目がありました。</translation>
    </message>
    <message>
        <source>No identity document was recorded.</source>
        <translation>本人確認書類が記録されていません。</translation>
    </message>
    <message>
        <source>Check the resident&apos;s identity documents and mark which ones were presented.</source>
        <translation>本人確認書類を確認し、提示された書類にチェックを入れてください。</translation>
    </message>
    <message>
        <source>The card&apos;s data could not be confirmed, so no certificate can be issued with it.</source>
        <translation>カードのデータを確認できなかったため、このカードでは証明書を交付できません。</translation>
    </message>
    <message>
        <source>Take your card back and ask at the counter to have the card checked.</source>
        <translation>カードをお取りになり、窓口でカードの確認をお申し出ください。</translation>
    </message>
    <message>
        <source>The number of copies is not one the kiosk can print.</source>
        <translation>この交付機では、その通数は印刷できません。</translation>
    </message>
    <message>
        <source>Choose between 1 and 10 copies.</source>
        <translation>1通から10通の間で選んでください。</translation>
    </message>
    <message>
        <source>The certificate kiosk could not issue the certificate.</source>
        <translation>証明書自動交付機で証明書を交付できませんでした。</translation>
    </message>
    <message>
        <source>Take your card back and ask at the counter.</source>
        <translation>カードをお取りになり、窓口でお尋ねください。</translation>
    </message>
    <message>
        <source>This machine is set up as a certificate kiosk: counter functions are not available here.</source>
        <translation>この端末は証明書自動交付機として設定されているため、窓口の機能は使えません。</translation>
    </message>
    <message>
        <source>Use a counter machine, or ask the supervisor to change this machine&apos;s setup.</source>
        <translation>窓口の端末を使うか、この端末の設定の変更を管理者に依頼してください。</translation>
    </message>
    <message>
        <source>The session has ended: the card was removed or the kiosk was left idle.</source>
        <translation>カードが取り出されたか、一定時間操作がなかったため、手続きを終了しました。</translation>
    </message>
    <message>
        <source>Insert your card again and enter your PIN.</source>
        <translation>もう一度カードを入れ、暗証番号を入力してください。</translation>
    </message>
    <message>
        <source>The certificate prepared for printing was not for the person whose card is in this kiosk, so nothing was printed and no fee was charged.</source>
        <translation>印刷しようとした証明書が、この交付機に入っているカードのご本人のものではなかったため、印刷を中止しました。手数料はいただいていません。</translation>
    </message>
    <message>
        <source>Take your card back and ask at the counter. The kiosk has recorded what happened.</source>
        <translation>カードをお取りになり、窓口でお尋ねください。この交付機は起きたことを記録しています。</translation>
    </message>
    <message>
        <source>The member number is longer than the service&apos;s file on the card can hold.</source>
        <translation>会員番号が長すぎて、カードのサービス用ファイルに入りません。</translation>
    </message>
    <message>
        <source>Check the member number on the service&apos;s own register and enter it again.</source>
        <translation>サービス側の台帳で会員番号を確認して、もう一度入力してください。</translation>
    </message>
    <message>
        <source>The resident has no card in use.</source>
        <translation>この住民には、使用中のカードがありません。</translation>
    </message>
    <message>
        <source>Check the resident&apos;s cards in the register; a new card may need to be issued.</source>
        <translation>台帳でこの住民のカードを確認してください。新しいカードの交付が必要な場合があります。</translation>
    </message>
    <message>
        <source>The resident does not meet the age rule for free issuance.</source>
        <translation>この住民は、無料交付の年齢要件を満たしていません。</translation>
    </message>
    <message>
        <source>Charge the standard fee, or check the birth date in the register.</source>
        <translation>通常の手数料をいただくか、台帳の生年月日を確認してください。</translation>
    </message>
    <message>
        <source>There is nothing of this kind to print again for this resident&apos;s card.</source>
        <translation>この住民のカードには、再印刷できるこの種類の印刷物がありません。</translation>
    </message>
    <message>
        <source>Check the resident and what to reprint. A card issued before the register kept its print data, or without any address change, cannot be reprinted that way: re-issue it.</source>
        <translation>住民と再印刷する物を確認してください。台帳が印刷データを保存する前に交付したカードや、住所変更のないカードは、この方法では再印刷できません。カードを再交付してください。</translation>
    </message>
    <message>
        <source>The photo is empty: it shows no face, only one colour.</source>
        <translation>写真に何も写っていません（単色の画像です）。</translation>
    </message>
    <message>
        <source>Check that the right file was chosen, or take the photo again.</source>
        <translation>正しいファイルを選んだか確認するか、写真を撮り直してください。</translation>
    </message>
    <message>
        <source>A photo card needs a photo.</source>
        <translation>写真付きカードには写真が必要です。</translation>
    </message>
    <message>
        <source>Import the resident&apos;s photo, or choose a card without a photo.</source>
        <translation>住民の写真を取り込むか、写真なしのカードを選んでください。</translation>
    </message>
    <message>
        <source>The photo is too small to print on the card.</source>
        <translation>写真が小さすぎて、カードに印刷できません。</translation>
    </message>
    <message>
        <source>Take or scan the photo again at a higher resolution.</source>
        <translation>より高い解像度で、写真を撮り直すかスキャンし直してください。</translation>
    </message>
    <message>
        <source>This PIN is made from the resident&apos;s birth date, which others can find out.</source>
        <translation>この暗証番号は生年月日からできています。他人に知られるおそれがあります。</translation>
    </message>
    <message>
        <source>Ask the resident to choose a number that is not their birth date or birth year.</source>
        <translation>生年月日や生まれ年ではない数字を選んでいただいてください。</translation>
    </message>
    <message>
        <source>The two PIN entries are not the same.</source>
        <translation>2回入力された暗証番号が一致しません。</translation>
    </message>
    <message>
        <source>Ask the resident to enter the new PIN twice again.</source>
        <translation>住民の方に、新しい暗証番号をもう一度2回入力していただいてください。</translation>
    </message>
    <message>
        <source>This PIN is one digit repeated (such as 1111), which is easy to guess.</source>
        <translation>この暗証番号は同じ数字の繰り返し（1111 など）で、推測されやすい番号です。</translation>
    </message>
    <message>
        <source>Ask the resident to choose a number with different digits.</source>
        <translation>異なる数字を含む番号を選んでいただいてください。</translation>
    </message>
    <message>
        <source>This PIN is a run of digits (such as 1234 or 9876), which is easy to guess.</source>
        <translation>この暗証番号は連続した数字（1234、9876 など）で、推測されやすい番号です。</translation>
    </message>
    <message>
        <source>Ask the resident to choose a number that is not a run of digits.</source>
        <translation>連続した数字ではない番号を選んでいただいてください。</translation>
    </message>
    <message>
        <source>Printing failed. The card task itself is recorded and nothing is lost.</source>
        <translation>印刷できませんでした。カードの手続きは記録済みで、失われたものはありません。</translation>
    </message>
    <message>
        <source>Check the printer, then print again from this screen.</source>
        <translation>プリンターを確認してから、この画面からもう一度印刷してください。</translation>
    </message>
    <message>
        <source>The proof of the returned driving licence is missing or not valid.</source>
        <translation>運転免許証の返納を証明する書類の情報がないか、正しくありません。</translation>
    </message>
    <message>
        <source>Enter the number of the driving history certificate (運転経歴証明書), or the date of the licence cancellation notice.</source>
        <translation>運転経歴証明書の番号、または運転免許の取消通知書の日付を入力してください。</translation>
    </message>
    <message>
        <source>This is not the number of a driving history certificate: it has 12 digits, and the first two are the code of the public safety commission that issued the licence (東京 30, 大阪 62, 北海道 10 to 14 ...).</source>
        <translation>運転経歴証明書の番号ではありません。番号は12桁で、先頭2桁は免許を交付した公安委員会のコードです（東京 30、大阪 62、北海道 10〜14 など）。</translation>
    </message>
    <message>
        <source>Read the 12-digit number on the certificate again and type it without spaces.</source>
        <translation>証明書の12桁の番号を読み直し、空白なしで入力してください。</translation>
    </message>
    <message>
        <source>A reprint needs a reason.</source>
        <translation>再印刷には理由が必要です。</translation>
    </message>
    <message>
        <source>Type why the printout is printed again (for example: paper jam, printing failed).</source>
        <translation>再印刷する理由を入力してください（例：用紙詰まり、印刷失敗）。</translation>
    </message>
    <message>
        <source>The service data on the card does not match the register&apos;s record of it.</source>
        <translation>カードのサービス情報が台帳の記録と一致しません。</translation>
    </message>
    <message>
        <source>Do not accept the card for this service. Send the resident to the counter, where the service can be personalised again.</source>
        <translation>このサービスではカードを受け付けないでください。窓口で再度個別設定を受けるよう住民に案内してください。</translation>
    </message>
    <message>
        <source>The service keeps no member number on the card, so there is nothing to personalise.</source>
        <translation>このサービスはカードに会員番号を持たないため、個別設定するものがありません。</translation>
    </message>
    <message>
        <source>Check the service chosen.</source>
        <translation>選んだサービスを確認してください。</translation>
    </message>
    <message>
        <source>The counter settings file is not valid.</source>
        <translation>窓口の設定ファイルの内容が正しくありません。</translation>
    </message>
    <message>
        <source>Call the system administrator to correct the settings file.</source>
        <translation>システム管理者に連絡して、設定ファイルを修正してもらってください。</translation>
    </message>
    <message>
        <source>This PIN is too easy to guess.</source>
        <translation>この暗証番号は推測されやすい番号です。</translation>
    </message>
    <message>
        <source>Ask the resident to choose another 4-digit number.</source>
        <translation>別の4桁の数字を選んでいただいてください。</translation>
    </message>
    <message>
        <source>The task was cancelled. Nothing was recorded for the step that did not finish.</source>
        <translation>手続きを中止しました。終わらなかった手順については何も記録していません。</translation>
    </message>
    <message>
        <source>Start the task again when the resident is ready.</source>
        <translation>住民の方の準備ができたら、もう一度手続きを始めてください。</translation>
    </message>
    <message>
        <source>The counter task could not be completed.</source>
        <translation>窓口の手続きを完了できませんでした。</translation>
    </message>
    <message>
        <source>Check the details and try again. If it happens again, call the system administrator.</source>
        <translation>内容を確認して、もう一度行ってください。繰り返し起きる場合は、システム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>The task was asked to do something out of order.</source>
        <translation>手続きの順序が正しくありません。</translation>
    </message>
    <message>
        <source>Close the task and start it again.</source>
        <translation>この手続きを閉じて、最初からやり直してください。</translation>
    </message>
    <message>
        <source>The card in the reader is not a card of this resident.</source>
        <translation>リーダーのカードは、この住民のカードではありません。</translation>
    </message>
    <message>
        <source>Check that the resident gave you the right card.</source>
        <translation>住民の方から受け取ったカードが正しいか確認してください。</translation>
    </message>
    <message>
        <source>This key ceremony step cannot be done with the keys the security module holds.</source>
        <translation>セキュリティモジュールにある鍵では、この鍵管理手順を実行できません。</translation>
    </message>
    <message>
        <source>Read the detail, list the keys with `counter-app keys list`, and follow the ceremony in docs/keys.md.</source>
        <translation>詳細を読み、`counter-app keys list` で鍵の一覧を確認してから、docs/keys.md の手順に従ってください。</translation>
    </message>
    <message>
        <source>The card in the reader was not issued by this counter, so it is no operator card.</source>
        <translation>リーダーのカードはこの窓口で発行したものではないため、操作者カードにできません。</translation>
    </message>
    <message>
        <source>Put a card issued by this counter in the reader and try again.</source>
        <translation>この窓口で発行したカードをリーダーに入れて、もう一度操作してください。</translation>
    </message>
    <message>
        <source>The library system could not carry out the request.</source>
        <translation>図書館システムが処理を実行できませんでした。</translation>
    </message>
    <message>
        <source>Try again. If it happens again, call the library&apos;s system administrator.</source>
        <translation>もう一度操作してください。繰り返す場合は図書館のシステム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>The library system refused the counter&apos;s login.</source>
        <translation>図書館システムが窓口のログインを拒否しました。</translation>
    </message>
    <message>
        <source>Call the system administrator: the library system&apos;s login user or password is wrong.</source>
        <translation>システム管理者に連絡してください。図書館システムのログインユーザーかパスワードが誤っています。</translation>
    </message>
    <message>
        <source>The library system did not answer in time.</source>
        <translation>図書館システムから時間内に応答がありませんでした。</translation>
    </message>
    <message>
        <source>Try again in a moment: the app asks the library system first, so nothing is recorded twice. If it stays slow, call the library&apos;s system administrator.</source>
        <translation>少し待ってからもう一度操作してください。先に図書館システムに確認するので、二重に記録されることはありません。遅いままの場合は図書館のシステム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>The library system says it is off line.</source>
        <translation>図書館システムがオフラインです。</translation>
    </message>
    <message>
        <source>Wait until the library system is back on line, then try again.</source>
        <translation>図書館システムがオンラインに戻ってから、もう一度操作してください。</translation>
    </message>
    <message>
        <source>The library system did not confirm the transaction, and the app could not ask it whether it was recorded.</source>
        <translation>図書館システムから処理の確認がなく、記録されたかどうかも問い合わせできませんでした。</translation>
    </message>
    <message>
        <source>Before trying again, look the item up at the library system&apos;s own terminal, or try again when the connection is back: the app asks first, so nothing is recorded twice.</source>
        <translation>もう一度操作する前に図書館システムの端末で資料を確認するか、接続が戻ってから操作してください。先に確認するので、二重に記録されることはありません。</translation>
    </message>
    <message>
        <source>The library system answered something the counter does not understand.</source>
        <translation>図書館システムの応答を窓口で解釈できませんでした。</translation>
    </message>
    <message>
        <source>Call the library&apos;s system administrator: check that the library system speaks SIP2.</source>
        <translation>図書館のシステム管理者に連絡し、図書館システムが SIP2 に対応しているか確認してください。</translation>
    </message>
    <message>
        <source>The library system cannot be reached.</source>
        <translation>図書館システムに接続できません。</translation>
    </message>
    <message>
        <source>Check the counter&apos;s network connection and that the library system is running, then try again. If it continues, call the library&apos;s system administrator.</source>
        <translation>窓口のネットワーク接続と図書館システムが動いていることを確認して、もう一度操作してください。続く場合は図書館のシステム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>The library system blocks this patron.</source>
        <translation>図書館システムでこの利用者は利用停止になっています。</translation>
    </message>
    <message>
        <source>Tell the resident the reason shown and refer them to the library&apos;s staff.</source>
        <translation>表示された理由を住民に伝え、図書館職員に案内してください。</translation>
    </message>
    <message>
        <source>The library system does not know this library card number.</source>
        <translation>図書館システムにこの利用者番号がありません。</translation>
    </message>
    <message>
        <source>Check the number; if the resident has no library account yet, register one first.</source>
        <translation>番号を確認してください。図書館の利用登録がまだなら、先に登録してください。</translation>
    </message>
    <message>
        <source>The library system refused the transaction.</source>
        <translation>図書館システムが処理を拒否しました。</translation>
    </message>
    <message>
        <source>Read the library system&apos;s message shown, and refer the resident to the library staff.</source>
        <translation>表示された図書館システムのメッセージを確認し、住民を図書館職員に案内してください。</translation>
    </message>
    <message>
        <source>A message from the library system arrived damaged.</source>
        <translation>図書館システムからのメッセージが壊れて届きました。</translation>
    </message>
    <message>
        <source>The back of the card has no free line for the new address.</source>
        <translation>カード裏面の追記欄に、新しい住所を記載する空きがありません。</translation>
    </message>
    <message>
        <source>Re-issue the card: the new card prints the current address on its front.</source>
        <translation>カードを再交付してください。新しいカードには現在の住所が表面に印字されます。</translation>
    </message>
    <message>
        <source>The card serial number is not valid.</source>
        <translation>カードの番号が正しくありません。</translation>
    </message>
    <message>
        <source>Use the serial number printed on the blank card (capital letters and digits).</source>
        <translation>未使用カードに印字された番号（英大文字と数字）を使ってください。</translation>
    </message>
    <message>
        <source>The Japanese font for the charts and the council report is missing.</source>
        <translation>グラフと議会提出用資料に使う日本語フォントがありません。</translation>
    </message>
    <message>
        <source>Install the package fonts-ipaexfont (sudo apt install fonts-ipaexfont) and try again.</source>
        <translation>パッケージ fonts-ipaexfont をインストールして（sudo apt install fonts-ipaexfont）、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The printout could not be sent to the printer.</source>
        <translation>印刷物をプリンターに送れませんでした。</translation>
    </message>
    <message>
        <source>Check that the printer is switched on and shown as ready, then print again. The PDF file can be printed later.</source>
        <translation>プリンターの電源が入り、準備完了になっているか確認してから、もう一度印刷してください。PDFファイルは後からでも印刷できます。</translation>
    </message>
    <message>
        <source>This is not the QR code on the front of a resident card of this system.</source>
        <translation>このシステムの住民基本台帳カード表面のQRコードではありません。</translation>
    </message>
    <message>
        <source>Scan the QR code on the front of the card again, or type the birth date, the expiry year and the security code printed on the card.</source>
        <translation>カード表面のQRコードを読み取り直すか、カードに印字された生年月日・有効期限の年・セキュリティコードを入力してください。</translation>
    </message>
    <message>
        <source>The key that signs the codes on printed cards and certificates is missing or damaged.</source>
        <translation>カードや証明書に印刷するコードに署名する鍵が見つからないか、破損しています。</translation>
    </message>
    <message>
        <source>Do not print cards or certificates. Restore the seal folder of the data directory from the backup, or call the system administrator.</source>
        <translation>カードや証明書を印刷しないでください。データフォルダーの seal フォルダーをバックアップから復元するか、システム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>This lookup is not covered by the chosen purpose, so it was refused and recorded.</source>
        <translation>この照会は選んだ利用目的の範囲外のため、拒否して記録しました。</translation>
    </message>
    <message>
        <source>Choose the purpose the work is really for. If the person is not covered by any purpose you work under, ask your supervisor.</source>
        <translation>実際の業務に合った利用目的を選んでください。担当するどの利用目的にも当てはまらない方の場合は、上司に相談してください。</translation>
    </message>
    <message>
        <source>You already hold as many future reservations of this facility as one resident may.</source>
        <translation>この施設で一人が持てる今後の予約の数に達しています。</translation>
    </message>
    <message>
        <source>Use or cancel one of your reservations before booking another.</source>
        <translation>予約を利用するか取り消してから、次の予約をしてください。</translation>
    </message>
    <message>
        <source>The deadline for cancelling this reservation yourself has passed.</source>
        <translation>この予約をご自身で取り消せる期限を過ぎています。</translation>
    </message>
    <message>
        <source>Ask the facility&apos;s counter: a clerk can cancel it and record the reason.</source>
        <translation>施設の窓口にお申し出ください。職員が理由を記録して取り消します。</translation>
    </message>
    <message>
        <source>A cancellation after the deadline needs the reason written down.</source>
        <translation>期限後の取消しには理由の記録が必要です。</translation>
    </message>
    <message>
        <source>Enter the reason (e.g. the facility is closed for repairs) and cancel again.</source>
        <translation>理由（例：設備点検のため休館）を入力して、もう一度取り消してください。</translation>
    </message>
    <message>
        <source>The card is not in use (suspended, revoked, returned or expired): its services may not be used or changed.</source>
        <translation>このカードは使用中ではありません（停止・失効・返納・期限切れ）。カードのサービスは利用も変更もできません。</translation>
    </message>
    <message>
        <source>Use the resident&apos;s card in use, or lift the suspension first.</source>
        <translation>住民が使用中のカードを使うか、先に一時停止を解除してください。</translation>
    </message>
    <message>
        <source>The card record could not be changed like this.</source>
        <translation>カードの記録をこのように変更することはできません。</translation>
    </message>
    <message>
        <source>Check the card serial and its current status, then try again.</source>
        <translation>カード番号と現在の状態を確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The CSV file was not imported because a row is not valid. Nothing from it was added.</source>
        <translation>CSVファイルに正しくない行があるため、取り込みませんでした。このファイルの内容は一件も登録されていません。</translation>
    </message>
    <message>
        <source>Correct the line named in the message (the format is in docs/records-csv.md), then import the whole file again.</source>
        <translation>メッセージに示された行を修正し（形式は docs/records-csv.md を参照）、ファイル全体をもう一度取り込んでください。</translation>
    </message>
    <message>
        <source>The resident register is busy with another counter&apos;s work and did not answer in time.</source>
        <translation>住民基本台帳が他の窓口の処理中で、時間内に応答しませんでした。</translation>
    </message>
    <message>
        <source>Nothing was changed. Wait a moment and do the step again.</source>
        <translation>何も変更されていません。少し待ってから、もう一度この手順を行ってください。</translation>
    </message>
    <message>
        <source>The resident register has not been set up, or its layout is out of date.</source>
        <translation>住民基本台帳のデータベースが準備されていないか、構成が古くなっています。</translation>
    </message>
    <message>
        <source>Ask the administrator to run `counter-app db init` for this register.</source>
        <translation>この台帳について `counter-app db init` を実行するよう、システム管理者に依頼してください。</translation>
    </message>
    <message>
        <source>The connection to the resident register was lost, so the last step was not finished.</source>
        <translation>住民基本台帳との接続が切れたため、直前の手順は完了していません。</translation>
    </message>
    <message>
        <source>Nothing half-done was kept. Check the network cable or ask the administrator whether the register server is running, then do the step again.</source>
        <translation>途中までの処理は残っていません。ネットワークケーブルを確認するか、台帳のサーバーが動いているかシステム管理者に確認してから、もう一度この手順を行ってください。</translation>
    </message>
    <message>
        <source>The address of the resident register is not valid.</source>
        <translation>住民基本台帳の接続先の指定が正しくありません。</translation>
    </message>
    <message>
        <source>Check the --db option or the COUNTER_APP_DB setting (e.g. postgresql://host/name).</source>
        <translation>--db オプションまたは COUNTER_APP_DB の設定を確認してください（例：postgresql://host/name）。</translation>
    </message>
    <message>
        <source>Another resident in the register already has this resident record code.</source>
        <translation>この住民票コードは、台帳の別の住民にすでに登録されています。</translation>
    </message>
    <message>
        <source>Check the code on the source document. Do not register the same person twice.</source>
        <translation>元の書類のコードを確認してください。同じ方を二重に登録しないでください。</translation>
    </message>
    <message>
        <source>A facility with this name is already offered for reservation.</source>
        <translation>この名前の施設はすでに予約対象として登録されています。</translation>
    </message>
    <message>
        <source>Choose another name, or use the facility `counter-app facilities list` shows.</source>
        <translation>別の名前にするか、`counter-app facilities list` に表示される施設をお使いください。</translation>
    </message>
    <message>
        <source>There is no such facility open for reservations.</source>
        <translation>予約できる施設にこの施設はありません。</translation>
    </message>
    <message>
        <source>Choose one of the facilities listed.</source>
        <translation>一覧にある施設を選んでください。</translation>
    </message>
    <message>
        <source>This card cannot be used at the certificate kiosk.</source>
        <translation>このカードは証明書自動交付機では使えません。</translation>
    </message>
    <message>
        <source>Take the card back and ask at the counter: the card may be suspended or not in use.</source>
        <translation>カードをお取りになり、窓口でお尋ねください。カードが一時停止中か、使用されていない可能性があります。</translation>
    </message>
    <message>
        <source>The operator name or the password is not correct.</source>
        <translation>操作者名またはパスワードが違います。</translation>
    </message>
    <message>
        <source>Enter them again. After several wrong tries the operator account is locked.</source>
        <translation>もう一度入力してください。何度か間違えると、操作者のアカウントはロックされます。</translation>
    </message>
    <message>
        <source>This reservation belongs to someone else, so it was not cancelled.</source>
        <translation>この予約は他の方の予約のため、取り消していません。</translation>
    </message>
    <message>
        <source>Choose one of your own reservations.</source>
        <translation>ご自身の予約を選んでください。</translation>
    </message>
    <message>
        <source>An operator with this login name or operator card is already registered.</source>
        <translation>このログイン名または操作者カードの操作者は、すでに登録されています。</translation>
    </message>
    <message>
        <source>Choose another login name, or register a new duty period for the existing operator.</source>
        <translation>別のログイン名を選ぶか、既存の操作者に新しい担当期間を登録してください。</translation>
    </message>
    <message>
        <source>This operator account is locked after too many failed logins.</source>
        <translation>ログインの失敗が多すぎたため、この操作者のアカウントはロックされています。</translation>
    </message>
    <message>
        <source>Ask a supervisor to unlock the account.</source>
        <translation>上司にアカウントのロック解除を依頼してください。</translation>
    </message>
    <message>
        <source>There is no such operator in the register.</source>
        <translation>該当する操作者は登録されていません。</translation>
    </message>
    <message>
        <source>Check the operator&apos;s login name or number.</source>
        <translation>操作者のログイン名または番号を確認してください。</translation>
    </message>
    <message>
        <source>This operator is not registered for duty at the counter now.</source>
        <translation>この操作者は、現在窓口の担当として登録されていません。</translation>
    </message>
    <message>
        <source>Ask a supervisor to register the operator for duty.</source>
        <translation>上司に担当の登録を依頼してください。</translation>
    </message>
    <message>
        <source>The ordinance that allows this service is not registered or not in force today, so the service may not be put on a card.</source>
        <translation>このサービスを認める条例が登録されていないか、本日施行されていないため、カードに載せることはできません。</translation>
    </message>
    <message>
        <source>Ask the supervisor to register the ordinance article and its date in force.</source>
        <translation>管理者に条例の条項と施行日の登録を依頼してください。</translation>
    </message>
    <message>
        <source>The facility is not open for the whole of this time, or the time is not a slot start.</source>
        <translation>この時間は開館時間外か、予約枠の開始時刻ではありません。</translation>
    </message>
    <message>
        <source>Choose a time from the facility&apos;s day view.</source>
        <translation>施設の一日の予約状況から時間を選んでください。</translation>
    </message>
    <message>
        <source>A resident record code (住民票コード) is exactly 11 digits.</source>
        <translation>住民票コードは11桁の数字です。</translation>
    </message>
    <message>
        <source>Check the code on the source document and enter it again.</source>
        <translation>元の書類のコードを確認して、もう一度入力してください。</translation>
    </message>
    <message>
        <source>The key that protects resident record codes is missing, unreadable or wrong.</source>
        <translation>住民票コードを保護する鍵が見つからないか、読めないか、正しくありません。</translation>
    </message>
    <message>
        <source>Do not create a new key for an existing register. Ask the administrator to restore the key file of this register.</source>
        <translation>既存の台帳に新しい鍵を作らないでください。この台帳の鍵ファイルを復元するよう、システム管理者に依頼してください。</translation>
    </message>
    <message>
        <source>Resident record codes cannot be used to search the register.</source>
        <translation>住民票コードで台帳を検索することはできません。</translation>
    </message>
    <message>
        <source>Search by name (kana, kanji or Latin), birth date or address instead.</source>
        <translation>氏名（かな・漢字・ローマ字）、生年月日または住所で検索してください。</translation>
    </message>
    <message>
        <source>The resident register could not complete the step.</source>
        <translation>住民基本台帳でこの手順を完了できませんでした。</translation>
    </message>
    <message>
        <source>The reservation could not be made or changed.</source>
        <translation>予約の登録・変更ができませんでした。</translation>
    </message>
    <message>
        <source>Check the facility, the day and the time, then try again.</source>
        <translation>施設・日付・時間を確認して、もう一度操作してください。</translation>
    </message>
    <message>
        <source>There is no such reservation, or it was already cancelled.</source>
        <translation>この予約はありません。または既に取り消されています。</translation>
    </message>
    <message>
        <source>Look at the day view of the facility again.</source>
        <translation>施設の一日の予約状況をもう一度表示してください。</translation>
    </message>
    <message>
        <source>No resident with this number is in the register.</source>
        <translation>この番号の住民は台帳にありません。</translation>
    </message>
    <message>
        <source>Search for the resident again.</source>
        <translation>もう一度住民を検索してください。</translation>
    </message>
    <message>
        <source>Your operator role does not allow this work.</source>
        <translation>あなたの操作者の権限では、この業務はできません。</translation>
    </message>
    <message>
        <source>Ask an operator with the right role, or a supervisor, to do it.</source>
        <translation>権限のある操作者または上司に依頼してください。</translation>
    </message>
    <message>
        <source>Type the birth date again, year-month-day, such as 1950-04-01.</source>
        <translation>生年月日を年-月-日の順に入力し直してください（例：1950-04-01）。</translation>
    </message>
    <message>
        <source>This date is after today, so it cannot be anyone&apos;s birth date.</source>
        <translation>今日より後の日付なので、生年月日ではありえません。</translation>
    </message>
    <message>
        <source>Check the year and type the birth date again, such as 1950-04-01.</source>
        <translation>年を確かめて、生年月日を入力し直してください（例：1950-04-01）。</translation>
    </message>
    <message>
        <source>The search needs a name, a birth date or part of an address.</source>
        <translation>検索には、氏名、生年月日、または住所の一部が必要です。</translation>
    </message>
    <message>
        <source>Type at least one character of a name, a date such as 1950-04-01, or an address.</source>
        <translation>氏名か住所を1文字以上、または 1950-04-01 のような日付を入力してください。</translation>
    </message>
    <message>
        <source>This service is already on the card.</source>
        <translation>このサービスはすでにカードに載っています。</translation>
    </message>
    <message>
        <source>Nothing to install. Personalise, lock or remove it instead.</source>
        <translation>追加する必要はありません。個別設定・利用停止・削除のいずれかを行ってください。</translation>
    </message>
    <message>
        <source>The service on the card could not be changed.</source>
        <translation>カードのサービスを変更できませんでした。</translation>
    </message>
    <message>
        <source>Check the service and the card, then try again.</source>
        <translation>サービスとカードを確認して、もう一度行ってください。</translation>
    </message>
    <message>
        <source>This service is locked on the card: it may not be used or changed until unlocked.</source>
        <translation>このサービスは利用停止中です。停止を解除するまで利用も変更もできません。</translation>
    </message>
    <message>
        <source>Unlock it first if the resident&apos;s use should go on.</source>
        <translation>住民が引き続き利用する場合は、先に利用停止を解除してください。</translation>
    </message>
    <message>
        <source>The municipality has not enabled this service, so it cannot be put on cards.</source>
        <translation>このサービスは市区町村で有効にされていないため、カードに載せることはできません。</translation>
    </message>
    <message>
        <source>Ask the supervisor to enable the service in the catalogue first.</source>
        <translation>先に管理者にサービス一覧でこのサービスを有効にするよう依頼してください。</translation>
    </message>
    <message>
        <source>There is no such service in the catalogue.</source>
        <translation>そのサービスはサービス一覧にありません。</translation>
    </message>
    <message>
        <source>Choose one of the services `counter-app services catalogue` lists.</source>
        <translation>`counter-app services catalogue` に表示されるサービスから選んでください。</translation>
    </message>
    <message>
        <source>This service is not on the card.</source>
        <translation>このサービスはカードに載っていません。</translation>
    </message>
    <message>
        <source>Check the card in the reader and the service chosen.</source>
        <translation>読み取り機のカードと選んだサービスを確認してください。</translation>
    </message>
    <message>
        <source>The catalogue already has a service type with this code or AID.</source>
        <translation>このコードまたはAIDのサービスはすでにサービス一覧に登録されています。</translation>
    </message>
    <message>
        <source>Choose another code and AID, or use the entry `counter-app services catalogue` lists.</source>
        <translation>別のコードとAIDにするか、`counter-app services catalogue` に表示される登録をお使いください。</translation>
    </message>
    <message>
        <source>The operator session ended because the counter was left idle.</source>
        <translation>一定時間操作がなかったため、操作者のセッションが終了しました。</translation>
    </message>
    <message>
        <source>Log in again to continue.</source>
        <translation>続けるには、もう一度ログインしてください。</translation>
    </message>
    <message>
        <source>This time has already begun or passed.</source>
        <translation>この時間は既に始まっているか、過ぎています。</translation>
    </message>
    <message>
        <source>Choose a later time.</source>
        <translation>もっと後の時間を選んでください。</translation>
    </message>
    <message>
        <source>This time is already reserved by someone else. Nothing was booked for you.</source>
        <translation>この時間は既に他の方が予約しています。予約はされていません。</translation>
    </message>
    <message>
        <source>Choose one of the free times offered, or another day.</source>
        <translation>表示された空き時間か、別の日を選んでください。</translation>
    </message>
    <message>
        <source>There is no such purpose in the register.</source>
        <translation>該当する利用目的は登録されていません。</translation>
    </message>
    <message>
        <source>Choose one of the purposes listed for your work.</source>
        <translation>担当業務に登録された利用目的から選んでください。</translation>
    </message>
    <message>
        <source>This is not a date that exists: the month is 1 to 12 and the day one of that month.</source>
        <translation>実在しない日付です。月は1〜12、日はその月にある日を入力してください。</translation>
    </message>
    <message>
        <source>The figures cannot be computed for this period.</source>
        <translation>この期間の統計は計算できません。</translation>
    </message>
    <message>
        <source>Give a first day on or before the last day and try again.</source>
        <translation>初日を末日と同じか前の日にして、もう一度実行してください。</translation>
    </message>
    <message>
        <source>A certificate in the trust store is damaged or is not a certificate.</source>
        <translation>信頼ストアの証明書が壊れているか、証明書ではありません。</translation>
    </message>
    <message>
        <source>Replace the file named here with the certificate exported by the key ceremony, or remove it, then start again. If unsure, call the system administrator.</source>
        <translation>表示されたファイルを鍵の管理手続きで書き出した証明書に置き換えるか取り除いてから、もう一度起動してください。わからない場合はシステム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>The virtual card&apos;s file is damaged or is not a card.</source>
        <translation>仮想カードのファイルが破損しているか、カードのファイルではありません。</translation>
    </message>
    <message>
        <source>Use another virtual card, or make a new blank one.</source>
        <translation>別の仮想カードを使うか、新しい未発行の仮想カードを作ってください。</translation>
    </message>
    <message>
        <source>Resident Card Counter</source>
        <translation>住民基本台帳カード窓口</translation>
    </message>
    <message>
        <source>The printout could not be made.</source>
        <translation>印刷できませんでした。</translation>
    </message>
    <message>
        <source>Check the printer (paper, cards, cover) or the folder for PDF files, then print again.</source>
        <translation>プリンター（用紙・カード・カバー）またはPDFの保存先フォルダーを確認してから、もう一度印刷してください。</translation>
    </message>
    <message>
        <source>The printout was stopped.</source>
        <translation>印刷を止めました。</translation>
    </message>
    <message>
        <source>Print again when ready.</source>
        <translation>準備ができたら、もう一度印刷してください。</translation>
    </message>
    <message>
        <source>The preview cannot be shown on this PC.</source>
        <translation>このパソコンではプレビューを表示できません。</translation>
    </message>
    <message>
        <source>Printing still works. Ask the administrator to install pypdfium2 for previews.</source>
        <translation>印刷はできます。プレビューには pypdfium2 が必要です。システム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>The file could not be read as a photo.</source>
        <translation>このファイルは写真として読み込めませんでした。</translation>
    </message>
    <message>
        <source>Choose a JPEG or PNG file of the resident&apos;s photo.</source>
        <translation>申請者の写真の JPEG または PNG ファイルを選んでください。</translation>
    </message>
    <message>
        <source>A category or role given for the purpose is not one the register knows.</source>
        <translation>利用目的に指定された区分または役割が、台帳にないものです。</translation>
    </message>
    <message>
        <source>Use the words `counter-app purposes add --help` lists, separated by commas, such as --categories tenant,guarantor.</source>
        <translation>`counter-app purposes add --help` に示す語をカンマで区切って指定してください（例: --categories tenant,guarantor）。</translation>
    </message>
    <message>
        <source>The council&apos;s answer (答申) comes before the use: its date is on or before the date in force, and not after today.</source>
        <translation>審議会の答申は利用の前に行われます。答申日は施行日以前で、今日より後の日付にはできません。</translation>
    </message>
    <message>
        <source>Check the date of the answer and the date in force, and type them again.</source>
        <translation>答申日と施行日を確かめて、入力し直してください。</translation>
    </message>
    <message>
        <source>A purpose needs its legal basis: the law or ordinance, and the article that allows the use, such as 第37条.</source>
        <translation>利用目的には根拠法令が必要です。法令または条例の名称と、利用を認める条（例: 第37条）を入力してください。</translation>
    </message>
    <message>
        <source>Type the name of the law or ordinance and the article (第…条).</source>
        <translation>法令・条例の名称と条（第…条）を入力してください。</translation>
    </message>
    <message>
        <source>A purpose needs at least one category of person it may look up.</source>
        <translation>利用目的には、照会できる者の区分が少なくとも一つ必要です。</translation>
    </message>
    <message>
        <source>Choose the categories the ordinance names, such as tenant and guarantor.</source>
        <translation>条例が定める区分（例: 入居者と連帯保証人）を選んでください。</translation>
    </message>
    <message>
        <source>A purpose code is 3 to 32 lower-case letters, digits and hyphens, beginning with a letter, such as pref-housing-arrears.</source>
        <translation>利用目的のコードは、英小文字で始まる3〜32文字の英小文字・数字・ハイフンです（例: pref-housing-arrears）。</translation>
    </message>
    <message>
        <source>Type the code again in that form.</source>
        <translation>その形式でコードを入力し直してください。</translation>
    </message>
    <message>
        <source>A date is written year-month-day, such as 2027-04-01, and must be a day that exists.</source>
        <translation>日付は年-月-日（例: 2027-04-01）で、実在する日を入力してください。</translation>
    </message>
    <message>
        <source>Type the date again in that form.</source>
        <translation>その形式で日付を入力し直してください。</translation>
    </message>
    <message>
        <source>The register already has a purpose with this code.</source>
        <translation>このコードの利用目的はすでに台帳にあります。</translation>
    </message>
    <message>
        <source>Choose another code; a retired purpose keeps its code for the record.</source>
        <translation>別のコードを選んでください。廃止された利用目的も記録のためコードを保持します。</translation>
    </message>
    <message>
        <source>The purpose cannot be added or retired as entered.</source>
        <translation>入力された内容では利用目的を追加・廃止できません。</translation>
    </message>
    <message>
        <source>Correct the entry and do the step again.</source>
        <translation>入力を直して、もう一度操作してください。</translation>
    </message>
    <message>
        <source>A purpose needs its name: the task as the ordinance names it.</source>
        <translation>利用目的には名称が必要です。条例が定める事務の名称を入力してください。</translation>
    </message>
    <message>
        <source>Type the name of the task, such as 県営住宅使用料の滞納整理.</source>
        <translation>事務の名称（例: 県営住宅使用料の滞納整理）を入力してください。</translation>
    </message>
    <message>
        <source>This purpose is not in force yet, so lookups under it are refused and recorded.</source>
        <translation>この利用目的はまだ施行されていないため、照会は拒否され、記録されました。</translation>
    </message>
    <message>
        <source>Wait for its date in force, or choose the purpose the work is for now.</source>
        <translation>施行日を待つか、いま行う事務の利用目的を選んでください。</translation>
    </message>
    <message>
        <source>The supervision purpose cannot be retired: the supervisor&apos;s desk works under it.</source>
        <translation>監督の利用目的は廃止できません。監督者の事務はこの目的で行われます。</translation>
    </message>
    <message>
        <source>Retire only ordinance tasks that have ended.</source>
        <translation>終了した条例事務だけを廃止してください。</translation>
    </message>
    <message>
        <source>A purpose is retired from today or a later date, and after its date in force; a retired purpose keeps its date.</source>
        <translation>利用目的の廃止日は今日以降で、施行日より後の日です。廃止済みの利用目的の廃止日は変えられません。</translation>
    </message>
    <message>
        <source>Type a date from today on, or check that the purpose is not already retired.</source>
        <translation>今日以降の日付を入力するか、すでに廃止されていないか確かめてください。</translation>
    </message>
    <message>
        <source>This purpose has been retired, so lookups under it are refused and recorded.</source>
        <translation>この利用目的は廃止されたため、照会は拒否され、記録されました。</translation>
    </message>
    <message>
        <source>Choose the purpose the work is for now. The supervisor&apos;s desk lists each purpose with the date it was retired from.</source>
        <translation>いま行う事務の利用目的を選んでください。監督者の事務の画面に、各利用目的と廃止日が表示されます。</translation>
    </message>
    <message>
        <source>A purpose needs at least one operator role that may work under it.</source>
        <translation>利用目的には、担当できる運用者の役割が少なくとも一つ必要です。</translation>
    </message>
    <message>
        <source>Choose the roles of the operators who do this task.</source>
        <translation>この事務を行う運用者の役割を選んでください。</translation>
    </message>
    <message>
        <source>The operator command was given a value it cannot use.</source>
        <translation>操作者コマンドに使えない値が指定されました。</translation>
    </message>
    <message>
        <source>Correct the flag the detail names (counter-app operators --help), then run the command again.</source>
        <translation>詳細に示されたオプションを直して（counter-app operators --help）、もう一度実行してください。</translation>
    </message>
    <message>
        <source>This is the last supervisor on duty, so the duty cannot be ended.</source>
        <translation>従事中の監督者はこの一人だけのため、従事を終了できません。</translation>
    </message>
    <message>
        <source>Register another supervisor first; the register must always keep one supervisor who can unlock and register operators.</source>
        <translation>先に別の監督者を登録してください。操作者のロック解除や登録ができる監督者が常に一人は必要です。</translation>
    </message>
    <message>
        <source>The new password cannot be used.</source>
        <translation>この新しいパスワードは使えません。</translation>
    </message>
    <message>
        <source>Choose a password of at least 8 characters that differs from the one given by the supervisor, and type the same password twice.</source>
        <translation>監督者から渡されたものと異なる8文字以上のパスワードを決め、同じものを2回入力してください。</translation>
    </message>
    <message>
        <source>The operator cannot be registered as entered.</source>
        <translation>入力された内容では操作者を登録できません。</translation>
    </message>
    <message>
        <source>Enter a display name, a login name (letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;), at least one role, and a duty end on or after its start.</source>
        <translation>表示名、ログイン名（英字・数字・「-」「_」「.」）、一つ以上の役割を入力し、従事最終日は開始日以降にしてください。</translation>
    </message>
    <message>
        <source>The password was given by a supervisor for one login only.</source>
        <translation>このパスワードは監督者が一度だけのログイン用に発行したものです。</translation>
    </message>
    <message>
        <source>Choose your own password, type it twice, and log in with it.</source>
        <translation>ご自身のパスワードを決めて2回入力し、そのパスワードでログインしてください。</translation>
    </message>
    <message>
        <source>The file named for the audit export or check could not be read or written.</source>
        <translation>監査の書き出しまたは確認に指定したファイルを読み書きできませんでした。</translation>
    </message>
    <message>
        <source>Check the file name, the folder and its permissions, and run the command again.</source>
        <translation>ファイル名、フォルダーとその権限を確かめて、もう一度コマンドを実行してください。</translation>
    </message>
    <message>
        <source>The audit search cannot be run with these conditions.</source>
        <translation>この条件では監査証跡を検索できません。</translation>
    </message>
    <message>
        <source>Check the dates (the first day on or before the last) and search again.</source>
        <translation>日付（初日は末日以前）を確かめて、もう一度検索してください。</translation>
    </message>
</context>
<context>
    <name>faceCheck</name>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>生年月日</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有効期限</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>カード番号</translation>
    </message>
    <message>
        <source>Security code</source>
        <translation>セキュリティコード</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>写真</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>QRコード</translation>
    </message>
    <message>
        <source>The name printed on the card is the same as the chip&apos;s</source>
        <translation>券面の氏名がICチップの氏名と一致する</translation>
    </message>
    <message>
        <source>The address printed on the card is the same as the chip&apos;s</source>
        <translation>券面の住所がICチップの住所と一致する</translation>
    </message>
    <message>
        <source>The photo on the card is the same as the chip&apos;s, and shows the person</source>
        <translation>券面の写真がICチップの写真と一致し、本人である</translation>
    </message>
    <message>
        <source>compared from the scan</source>
        <translation>読み取り画像で照合</translation>
    </message>
    <message>
        <source>compared by eye</source>
        <translation>目視で照合</translation>
    </message>
    <message>
        <source>not compared</source>
        <translation>照合していない</translation>
    </message>
    <message>
        <source>the clerk saw it match the chip</source>
        <translation>職員が目視でICチップとの一致を確認</translation>
    </message>
    <message>
        <source>the clerk saw it differ from the chip</source>
        <translation>職員が目視でICチップとの不一致を確認</translation>
    </message>
    <message>
        <source>the birth date was not read on the print</source>
        <translation>印字の生年月日を読み取れませんでした</translation>
    </message>
    <message>
        <source>the birth date matches the chip</source>
        <translation>生年月日は ICチップと一致しました</translation>
    </message>
    <message>
        <source>the printed birth date differs from the chip&apos;s</source>
        <translation>印字の生年月日が ICチップと異なります</translation>
    </message>
    <message>
        <source>the expiry was not read on the print</source>
        <translation>印字の有効期限を読み取れませんでした</translation>
    </message>
    <message>
        <source>the expiry matches the chip</source>
        <translation>有効期限は ICチップと一致しました</translation>
    </message>
    <message>
        <source>the printed expiry differs from the chip&apos;s</source>
        <translation>印字の有効期限が ICチップと異なります</translation>
    </message>
    <message>
        <source>the card number was not read on the print</source>
        <translation>印字のカード番号を読み取れませんでした</translation>
    </message>
    <message>
        <source>the card number matches the chip</source>
        <translation>カード番号は ICチップと一致しました</translation>
    </message>
    <message>
        <source>the printed card number differs from the chip&apos;s</source>
        <translation>印字のカード番号が ICチップと異なります</translation>
    </message>
    <message>
        <source>the security code was not read on the print</source>
        <translation>印字のセキュリティコードを読み取れませんでした</translation>
    </message>
    <message>
        <source>the security code matches the chip</source>
        <translation>セキュリティコードは ICチップと一致しました</translation>
    </message>
    <message>
        <source>the printed security code differs from the chip&apos;s</source>
        <translation>印字のセキュリティコードが ICチップと異なります</translation>
    </message>
    <message>
        <source>the printed name has the shapes of the chip&apos;s image</source>
        <translation>印字の氏名は ICチップの画像と同じ字形です</translation>
    </message>
    <message>
        <source>the printed name differs from the chip&apos;s image</source>
        <translation>印字の氏名が ICチップの画像と異なります</translation>
    </message>
    <message>
        <source>the printed address has the shapes of the chip&apos;s image</source>
        <translation>印字の住所は ICチップの画像と同じ字形です</translation>
    </message>
    <message>
        <source>the printed address differs from the chip&apos;s image</source>
        <translation>印字の住所が ICチップの画像と異なります</translation>
    </message>
    <message>
        <source>the printed photo has the shapes of the chip&apos;s image</source>
        <translation>印刷された写真は ICチップの写真と一致します</translation>
    </message>
    <message>
        <source>the printed photo differs from the chip&apos;s image</source>
        <translation>印刷された写真が ICチップの写真と異なります</translation>
    </message>
    <message>
        <source>the chip was not opened with the unlock number, so its code is not known</source>
        <translation>照合番号B でチップを開いていないため、セキュリティコードは分かりません</translation>
    </message>
    <message>
        <source>a card without a photo</source>
        <translation>写真のないカードです</translation>
    </message>
    <message>
        <source>the QR code is of another card</source>
        <translation>この QR コードは別のカードのものです</translation>
    </message>
    <message>
        <source>the QR code&apos;s dates and security code are not the chip&apos;s</source>
        <translation>QR コードの日付とセキュリティコードが ICチップのものと異なります</translation>
    </message>
    <message>
        <source>a genuine seal naming this card&apos;s number, dates and security code</source>
        <translation>このカードの番号・日付・セキュリティコードを示す正規の電子署名です</translation>
    </message>
    <message>
        <source>the QR code holds no card face seal: {why}</source>
        <translation>QR コードに券面の電子署名がありません：{why}</translation>
    </message>
    <message>
        <source>the seal is not genuine: {why}</source>
        <translation>電子署名が正規のものではありません：{why}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The printed face matches the chip ({how}).</source>
        <translation>券面はICチップと一致（{how}）。</translation>
    </message>
    <message>
        <source>The printed face does not match the chip: {fields} ({how}).</source>
        <translation>券面がICチップと一致しない: {fields}（{how}）。</translation>
    </message>
    <message>
        <source>No field of the printed face was compared.</source>
        <translation>券面の項目は照合されていません。</translation>
    </message>
</context>
<context>
    <name>library</name>
    <message>
        <source>Borrowing is suspended for this patron.</source>
        <translation>この利用者は貸出停止中です。</translation>
    </message>
    <message>
        <source>Renewing is suspended for this patron.</source>
        <translation>この利用者は延長停止中です。</translation>
    </message>
    <message>
        <source>Recalls are suspended for this patron.</source>
        <translation>この利用者は返却請求の利用が停止されています。</translation>
    </message>
    <message>
        <source>Reservations are suspended for this patron.</source>
        <translation>この利用者は予約停止中です。</translation>
    </message>
    <message>
        <source>The library card was reported lost.</source>
        <translation>図書館カードの紛失届が出ています。</translation>
    </message>
    <message>
        <source>The patron has borrowed the most items allowed.</source>
        <translation>貸出点数の上限に達しています。</translation>
    </message>
    <message>
        <source>The patron has too many overdue items.</source>
        <translation>延滞している資料が多すぎます。</translation>
    </message>
    <message>
        <source>The patron has renewed too often.</source>
        <translation>延長の回数が上限に達しています。</translation>
    </message>
    <message>
        <source>Too many items were claimed returned.</source>
        <translation>返却済みと申し出た資料が多すぎます。</translation>
    </message>
    <message>
        <source>Too many items were lost.</source>
        <translation>紛失した資料が多すぎます。</translation>
    </message>
    <message>
        <source>The patron has unpaid fines.</source>
        <translation>未納の延滞金があります。</translation>
    </message>
    <message>
        <source>The patron has unpaid fees.</source>
        <translation>未納の料金があります。</translation>
    </message>
    <message>
        <source>A recalled item is overdue.</source>
        <translation>返却請求中の資料が延滞しています。</translation>
    </message>
    <message>
        <source>Too many items were billed.</source>
        <translation>弁償請求中の資料が多すぎます。</translation>
    </message>
</context>
<context>
    <name>selfcheck</name>
    <message>
        <source>Audit trail chain intact</source>
        <translation>監査証跡の連鎖に改ざんがない</translation>
    </message>
    <message>
        <source>Key files readable by their owner only</source>
        <translation>鍵ファイルを所有者だけが読める</translation>
    </message>
    <message>
        <source>No operator on duty left unused</source>
        <translation>使われていない在任中の操作者がいない</translation>
    </message>
    <message>
        <source>No supervisor locked out</source>
        <translation>ロックされた監督者がいない</translation>
    </message>
    <message>
        <source>Register encryption key present, not in the database</source>
        <translation>台帳の暗号鍵があり、データベースの中にない</translation>
    </message>
    <message>
        <source>Backups configured</source>
        <translation>バックアップが設定されている</translation>
    </message>
    <message>
        <source>Trust store configured and readable</source>
        <translation>信頼ストアが設定され、読み取れる</translation>
    </message>
    <message>
        <source>The trust store {directory} holds {cards} card CA and {seals} seal certificates.</source>
        <translation>信頼ストア {directory} にカードのCA証明書 {cards} 件と電子印影の証明書 {seals} 件があります。</translation>
    </message>
    <message>
        <source>No trust store is configured: no presented card or seal can be proved genuine.</source>
        <translation>信頼ストアが設定されていません。提示されたカードも電子印影も真正であることを確認できません。</translation>
    </message>
    <message>
        <source>Export the certificates at the key ceremony (counter-app keys export-certificates --to DIRECTORY) and name that directory in the setting {setting}.</source>
        <translation>鍵の管理手続きで証明書を書き出し（counter-app keys export-certificates --to DIRECTORY）、そのフォルダーを設定 {setting} に指定してください。</translation>
    </message>
    <message>
        <source>The trust store directory {directory} does not exist.</source>
        <translation>信頼ストアのフォルダー {directory} がありません。</translation>
    </message>
    <message>
        <source>Mount or restore the trust store directory, or correct the setting {setting}.</source>
        <translation>信頼ストアのフォルダーを接続または復元するか、設定 {setting} を直してください。</translation>
    </message>
    <message>
        <source>The trust store cannot be read: {error}</source>
        <translation>信頼ストアを読み取れません: {error}</translation>
    </message>
    <message>
        <source>Replace the file named with the certificate exported at the key ceremony.</source>
        <translation>表示されたファイルを、鍵の管理手続きで書き出した証明書に置き換えてください。</translation>
    </message>
    <message>
        <source>Trust store certificates not expiring soon</source>
        <translation>信頼する証明書の有効期限が近くない</translation>
    </message>
    <message>
        <source>Put the issuer&apos;s CA certificate and, for 個人番号カード, J-LIS&apos;s (*.cvc) into the trust store.</source>
        <translation>発行者のCA証明書と、個人番号カード用には J-LIS のCA証明書（*.cvc）を信頼ストアに入れてください。</translation>
    </message>
    <message>
        <source>The audit trail&apos;s chain is intact: {events} events verified.</source>
        <translation>監査証跡の連鎖に改ざんはありません（{events}件を検証しました）。</translation>
    </message>
    <message>
        <source>The audit trail&apos;s chain is broken: {reason}</source>
        <translation>監査証跡の連鎖が壊れています: {reason}</translation>
    </message>
    <message>
        <source>Do not delete anything. Export the audit trail, keep the database as it is, and call the system administrator: someone changed or removed audit records.</source>
        <translation>何も削除しないでください。監査証跡を書き出し、データベースをそのまま保って、システム管理者に連絡してください。監査記録が変更または削除されています。</translation>
    </message>
    <message>
        <source>The key files are readable by their owner only ({count} files checked).</source>
        <translation>鍵ファイルは所有者だけが読めます（{count}個を確認しました）。</translation>
    </message>
    <message>
        <source>There are no key files in the data directory to check.</source>
        <translation>データディレクトリに確認する鍵ファイルがありません。</translation>
    </message>
    <message>
        <source>Make them readable by the owner only (chmod 600 for files, chmod 700 for their folders), and ask the system administrator whether the keys must be replaced.</source>
        <translation>所有者だけが読めるようにしてください（ファイルは chmod 600、フォルダーは chmod 700）。鍵を取り替える必要があるか、システム管理者に確認してください。</translation>
    </message>
    <message>
        <source>Every operator on duty without an end date has logged in within {days} days.</source>
        <translation>終了日のない在任中の操作者は、全員{days}日以内にログインしています。</translation>
    </message>
    <message>
        <source>Operators on duty without an end date, unused for more than {days} days: {logins}</source>
        <translation>終了日がなく{days}日を超えて使われていない操作者: {logins}</translation>
    </message>
    <message>
        <source>End the duty of operators who left, or give their duty an end date.</source>
        <translation>異動・退職した操作者の任務を終了するか、任務に終了日を設定してください。</translation>
    </message>
    <message>
        <source>No supervisor is locked out.</source>
        <translation>ロックされた監督者はいません。</translation>
    </message>
    <message>
        <source>Supervisors locked out: {logins}</source>
        <translation>ロックされた監督者: {logins}</translation>
    </message>
    <message>
        <source>Another supervisor unlocks them on the operators section; without one, run the recovery command on the register&apos;s host.</source>
        <translation>別の監督者が操作者の画面でロックを解除してください。解除できる監督者がいないときは、台帳のサーバーで復旧コマンドを実行してください。</translation>
    </message>
    <message>
        <source>Put the municipality&apos;s seal certificate (seal-*.pem) into the trust store.</source>
        <translation>当庁の電子印影の証明書（seal-*.pem）を信頼ストアに入れてください。</translation>
    </message>
    <message>
        <source>Key files other users can read (in the data directory): {files}</source>
        <translation>他の利用者が読める鍵ファイル（データディレクトリ内）: {files}</translation>
    </message>
    <message>
        <source>The register&apos;s encryption key is in the security module&apos;s token {token}.</source>
        <translation>台帳の暗号鍵はセキュリティモジュールのトークン {token} にあります。</translation>
    </message>
    <message>
        <source>Card CA certificates not expiring soon</source>
        <translation>カードのCA証明書の有効期限が近くない</translation>
    </message>
    <message>
        <source>The card CA certificates ({count}) stay valid for more than {days} days.</source>
        <translation>カードのCA証明書（{count}件）は{days}日より先まで有効です。</translation>
    </message>
    <message>
        <source>No card CA certificate is installed: no presented card can be proved genuine.</source>
        <translation>カードのCA証明書が入っていません。提示されたカードが本物であることを確かめられません。</translation>
    </message>
    <message>
        <source>Card CA certificates that expire within {days} days: {certificates}</source>
        <translation>{days}日以内に有効期限が切れるカードのCA証明書：{certificates}</translation>
    </message>
    <message>
        <source>Card CA certificates that have expired: {certificates}</source>
        <translation>有効期限が切れたカードのCA証明書：{certificates}</translation>
    </message>
    <message>
        <source>Install the renewed CA certificates; until then cards they vouch for are not proved genuine.</source>
        <translation>更新したCA証明書を入れてください。それまでは、その証明書が保証するカードが本物であることを確かめられません。</translation>
    </message>
    <message>
        <source>The register&apos;s encryption key is present ({path} in the data directory), opens this register, and is not in the database.</source>
        <translation>台帳の暗号鍵があり（データディレクトリの {path}）、この台帳に合っていて、データベースの中にはありません。</translation>
    </message>
    <message>
        <source>The register&apos;s encryption key file is missing: {path}</source>
        <translation>台帳の暗号鍵のファイルがありません: {path}</translation>
    </message>
    <message>
        <source>Restore the key file from the backup; without it record codes cannot be read.</source>
        <translation>バックアップから鍵ファイルを戻してください。鍵がないと住民票コードを読めません。</translation>
    </message>
    <message>
        <source>The key file {path} does not belong to this register.</source>
        <translation>鍵ファイル {path} はこの台帳のものではありません。</translation>
    </message>
    <message>
        <source>Configure the key file of this register, or restore it from the backup.</source>
        <translation>この台帳の鍵ファイルを設定するか、バックアップから戻してください。</translation>
    </message>
    <message>
        <source>The register&apos;s encryption key is stored in the database itself.</source>
        <translation>台帳の暗号鍵がデータベースの中に保存されています。</translation>
    </message>
    <message>
        <source>Remove it from the database and replace the key (re-encrypt the record codes): a copy of the database would carry its own key.</source>
        <translation>データベースから削除し、鍵を取り替えてください（住民票コードを暗号化し直します）。このままではデータベースの複製が鍵ごと持ち出されます。</translation>
    </message>
    <message>
        <source>Backups are not configured.</source>
        <translation>バックアップは設定されていません。</translation>
    </message>
    <message>
        <source>Set up backups of the register and the data directory&apos;s key files, and name where they go in the setting COUNTER_APP_BACKUP.</source>
        <translation>台帳とデータディレクトリの鍵ファイルのバックアップを用意し、保存先を設定 COUNTER_APP_BACKUP に指定してください。</translation>
    </message>
    <message>
        <source>Backups are configured to go to {target}; this check cannot see whether they ran.</source>
        <translation>バックアップの保存先は {target} に設定されています（実行されたかどうかはこの点検では確かめられません）。</translation>
    </message>
    <message>
        <source>Backups are configured to go to {target}, but that folder does not exist.</source>
        <translation>バックアップの保存先は {target} に設定されていますが、そのフォルダーがありません。</translation>
    </message>
    <message>
        <source>Check the backup disk or share is mounted, or correct the setting.</source>
        <translation>バックアップ用のディスクや共有フォルダーが接続されているか確かめるか、設定を直してください。</translation>
    </message>
    <message>
        <source>The trust store&apos;s {count} certificates stay valid for more than {days} days.</source>
        <translation>信頼する証明書{count}件は、{days}日より先まで有効です。</translation>
    </message>
    <message>
        <source>The trust store holds no seal certificate.</source>
        <translation>信頼する証明書に電子署名の証明書がありません。</translation>
    </message>
    <message>
        <source>Certificates that expire within {days} days: {certificates}</source>
        <translation>{days}日以内に有効期限が切れる証明書: {certificates}</translation>
    </message>
    <message>
        <source>Order their renewal now and install the new certificates before that date.</source>
        <translation>すぐに更新を手配し、期限までに新しい証明書を置いてください。</translation>
    </message>
    <message>
        <source>Certificates that have expired: {certificates}</source>
        <translation>有効期限が切れた証明書: {certificates}</translation>
    </message>
    <message>
        <source>Install renewed certificates; seals signed now cannot be trusted.</source>
        <translation>更新した証明書を置いてください。今の署名は信頼できません。</translation>
    </message>
    <message>
        <source>Keys kept in the security module</source>
        <translation>鍵をセキュリティモジュールで保管</translation>
    </message>
    <message>
        <source>Training register: the keys are files in the data directory (training only).</source>
        <translation>研修用台帳：鍵はデータディレクトリのファイルです（研修専用）。</translation>
    </message>
    <message>
        <source>No security module token is configured: this counter cannot sign cards or seals.</source>
        <translation>セキュリティモジュールのトークンが設定されていません。この窓口はカードにも印刷物にも署名できません。</translation>
    </message>
    <message>
        <source>Set {settings}, then create the keys in the token (counter-app keys).</source>
        <translation>{settings} を設定し、トークンに鍵を作成してください（counter-app keys）。</translation>
    </message>
    <message>
        <source>The token {token} has no key in use for: {kinds}</source>
        <translation>トークン {token} に使用中の鍵がありません：{kinds}</translation>
    </message>
    <message>
        <source>Create it in the token with counter-app keys create-signer.</source>
        <translation>counter-app keys create-signer でトークンに作成してください。</translation>
    </message>
    <message>
        <source>Keys still kept as files beside the token {token}: {keys}</source>
        <translation>トークン {token} とは別に、まだファイルで保管されている鍵：{keys}</translation>
    </message>
    <message>
        <source>Import them with counter-app keys import-secrets, then move the files to the backup.</source>
        <translation>counter-app keys import-secrets でトークンに取り込み、ファイルはバックアップへ移してください。</translation>
    </message>
    <message>
        <source>Every key of this counter is in the security module&apos;s token {token}.</source>
        <translation>この窓口の鍵はすべてセキュリティモジュールのトークン {token} にあります。</translation>
    </message>
    <message>
        <source>The audit trail&apos;s chain is intact ({events} events), but the statistics&apos; hourly counts differ from it for {count} hours (UTC), from {first}.</source>
        <translation>監査証跡のチェーンは正常です（{events} 件）が、統計用の時間ごとの件数が {count} 時間分（協定世界時、{first} から）監査証跡と一致しません。</translation>
    </message>
    <message>
        <source>Do not give the council figures of those hours. Keep the database as it is and call the system administrator: the counts were changed outside the counter.</source>
        <translation>その時間を含む統計は議会に提出しないでください。データベースはそのままにして、システム管理者に連絡してください。件数が窓口アプリの外で変更されています。</translation>
    </message>
    <message>
        <source>The check could not run: {error}</source>
        <translation>この点検を実行できませんでした: {error}</translation>
    </message>
    <message>
        <source>Run the self-check again; if it fails again, call the system administrator.</source>
        <translation>もう一度自己点検を実行してください。また失敗するときはシステム管理者に連絡してください。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>問題なし</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>注意</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
</context>
<context>
    <name>statistics</name>
    <message>
        <source>Resident card figures for the council</source>
        <translation>住民基本台帳カードの統計資料（議会提出用）</translation>
    </message>
    <message>
        <source>Municipality: {name} (local government code {code})</source>
        <translation>団体名：{name}（地方公共団体コード {code}）</translation>
    </message>
    <message>
        <source>Period: {start} to {end} (holding rates on {end})</source>
        <translation>対象期間：{start}から{end}まで（保有枚数率は{end}現在）</translation>
    </message>
    <message>
        <source>Computed at {moment}</source>
        <translation>集計日時：{moment}</translation>
    </message>
    <message>
        <source>Counts from 1 to {below} are shown as {marker}, so that no small group points at a person.</source>
        <translation>個人が特定されることのないよう、1以上{below}以下の件数は「{marker}」と表示しています。</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>定義</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全体</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Holding rate (%)</source>
        <translation>保有枚数率（％）</translation>
    </message>
    <message>
        <source>Holding rate, overall</source>
        <translation>保有枚数率（全体）</translation>
    </message>
    <message>
        <source>Holding rate by age band and sex</source>
        <translation>年齢階級別・男女別の保有枚数率</translation>
    </message>
    <message>
        <source>Holding rate by district (postal code)</source>
        <translation>地区（郵便番号）別の保有枚数率</translation>
    </message>
    <message>
        <source>Holding rate, Japanese and foreign residents</source>
        <translation>日本人住民・外国人住民別の保有枚数率</translation>
    </message>
    <message>
        <source>Issuances, re-issues, free issuances, returns and suspensions per month</source>
        <translation>月別の交付・再交付・無料交付・返納・一時停止の件数</translation>
    </message>
    <message>
        <source>Uses of identity data per purpose</source>
        <translation>利用目的別の本人確認情報の利用件数</translation>
    </message>
    <message>
        <source>Services installed on cards</source>
        <translation>カードへの多目的利用サービスの搭載件数</translation>
    </message>
    <message>
        <source>Uses of services on the card</source>
        <translation>カードの多目的利用サービスの利用件数</translation>
    </message>
    <message>
        <source>Cards in force divided by living residents on the last day of the period. A card is in force when its status on the last day of the period was active (the status its last change by the end of that day gave it; active for a card issued without a change since), it was issued on or before that day and expires on or after it, and its holder is a living resident on that day. A living resident on a day is one whose record is &apos;resident&apos;, or who moved out or died after that day.</source>
        <translation>期間の末日において有効なカードの枚数を、同日に生存している住民の数で除したもの。有効なカードとは、期間の末日における状態（同日までの最後の状態変更によるもの。交付後に状態変更のないカードは有効）が有効であり、同日以前に交付され、有効期限が同日以後であって、その保有者が同日に生存している住民であるものをいう。同日に生存している住民とは、記録の状態が「住民」である者、又は同日より後に転出し、若しくは死亡した者をいう。</translation>
    </message>
    <message>
        <source>The holding rate by 5-year age band (age on the last day of the period; 100 and over in one band) and sex (ISO 5218).</source>
        <translation>5歳刻みの年齢階級（期間の末日における年齢。100歳以上は一つの階級とする。）及び性別（ISO 5218）ごとの保有枚数率。</translation>
    </message>
    <message>
        <source>The holding rate by district, the postal code of the resident&apos;s address (&apos;(none)&apos; where the record has none).</source>
        <translation>地区ごとの保有枚数率。地区は住民の住所の郵便番号とし、記録に郵便番号のない住民は「（郵便番号なし）」として一つにまとめる。</translation>
    </message>
    <message>
        <source>The holding rate by nationality group: Japanese (no nationality recorded, or JPN) and foreign residents.</source>
        <translation>日本人住民（国籍の記録がない者又は国籍がJPNの者）と外国人住民の別による保有枚数率。</translation>
    </message>
    <message>
        <source>Per month of the period: new issuances (a resident&apos;s first card), re-issues (a card issued to a resident who had one before) and free issuances (issued on an application with a fee exemption), by the day of issue; returns and suspensions, by the day the card&apos;s status was changed.</source>
        <translation>期間内の月ごとに、新規交付（住民にとって最初のカード）、再交付（以前にカードを持っていた住民への交付）及び無料交付（手数料の免除を受けた申請による交付）を交付日により、返納及び一時停止をカードの状態を変更した日により数えたもの。</translation>
    </message>
    <message>
        <source>Look-ups of identity data in the register (search, reading a record, a resident&apos;s cards, revealing a record code) within the period, per purpose and outcome (allowed or refused), from the audit trail.</source>
        <translation>期間内の住民基本台帳の本人確認情報の利用（検索、記録の閲覧、住民のカードの照会、住民票コードの表示）を、利用目的及び結果（許可又は拒否）ごとに監査記録から数えたもの。</translation>
    </message>
    <message>
        <source>Services installed on cards within the period, per service; a service carried over to a re-issued card is not counted again.</source>
        <translation>期間内にカードに搭載したサービスの件数（サービスごと）。再交付したカードに引き継いだサービスは改めて数えない。</translation>
    </message>
    <message>
        <source>Uses of services on the card within the period, per service, step and outcome, from the audit trail (each audited step at the library desk, each certificate a kiosk issued or refused).</source>
        <translation>期間内のカードのサービスの利用件数を、サービス、手順及び結果ごとに監査記録から数えたもの（図書館窓口で記録される各手順、自動交付機が交付し又は拒否した各証明書）。</translation>
    </message>
    <message>
        <source>Age band</source>
        <translation>年齢階級</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性別</translation>
    </message>
    <message>
        <source>District</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>国籍の区分</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>利用目的</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>手順</translation>
    </message>
    <message>
        <source>Cards in force</source>
        <translation>有効カード枚数</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>住民数</translation>
    </message>
    <message>
        <source>Holding rate</source>
        <translation>保有枚数率</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>交付</translation>
    </message>
    <message>
        <source>Re-issued</source>
        <translation>再交付</translation>
    </message>
    <message>
        <source>Free issuance</source>
        <translation>無料交付</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>返納</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Look-ups</source>
        <translation>利用件数</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>搭載件数</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>利用件数</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>not applicable</source>
        <translation>適用不能</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日本人住民</translation>
    </message>
    <message>
        <source>foreign</source>
        <translation>外国人住民</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>allowed</source>
        <translation>許可</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（郵便番号なし）</translation>
    </message>
    <message>
        <source>card issuance</source>
        <translation>カード交付事務</translation>
    </message>
    <message>
        <source>card services</source>
        <translation>カードの諸手続</translation>
    </message>
    <message>
        <source>identity check</source>
        <translation>本人確認</translation>
    </message>
    <message>
        <source>free issuance for a returned licence</source>
        <translation>運転免許証自主返納者への無料交付</translation>
    </message>
    <message>
        <source>multipurpose services</source>
        <translation>多目的利用サービス</translation>
    </message>
    <message>
        <source>rent arrears</source>
        <translation>家賃滞納整理</translation>
    </message>
    <message>
        <source>certificate kiosk</source>
        <translation>自動交付機</translation>
    </message>
    <message>
        <source>library desk</source>
        <translation>図書館窓口</translation>
    </message>
    <message>
        <source>supervision</source>
        <translation>監督</translation>
    </message>
    <message>
        <source>library</source>
        <translation>図書館</translation>
    </message>
</context>
<context>
    <name>workflows</name>
    <message>
        <source>Check the application</source>
        <translation>申請内容の確認</translation>
    </message>
    <message>
        <source>Check the card</source>
        <translation>カードの確認</translation>
    </message>
    <message>
        <source>Check the card in the register</source>
        <translation>台帳でカードを確認</translation>
    </message>
    <message>
        <source>Check the resident and the new address</source>
        <translation>住民と新しい住所の確認</translation>
    </message>
    <message>
        <source>Check the resident&apos;s cards</source>
        <translation>住民のカードの確認</translation>
    </message>
    <message>
        <source>Check the resident&apos;s identity</source>
        <translation>本人確認</translation>
    </message>
    <message>
        <source>Check the written card</source>
        <translation>書き込んだカードの確認</translation>
    </message>
    <message>
        <source>Find the card to replace</source>
        <translation>再交付の対象となるカードの確認</translation>
    </message>
    <message>
        <source>Insert a blank card</source>
        <translation>未使用のカードを挿入</translation>
    </message>
    <message>
        <source>Insert the resident&apos;s card</source>
        <translation>住民のカードを挿入</translation>
    </message>
    <message>
        <source>Invalidate the card&apos;s chip</source>
        <translation>カードのICチップの廃止</translation>
    </message>
    <message>
        <source>Open and check the card</source>
        <translation>カードを開いて確認</translation>
    </message>
    <message>
        <source>Print the card face and the receipt</source>
        <translation>券面と交付通知書の印刷</translation>
    </message>
    <message>
        <source>Print the new address on the back</source>
        <translation>新住所を裏面に印刷</translation>
    </message>
    <message>
        <source>Read the QR code</source>
        <translation>QRコードを読み取る</translation>
    </message>
    <message>
        <source>Read the card</source>
        <translation>カードを読み取る</translation>
    </message>
    <message>
        <source>Record the PIN reset</source>
        <translation>暗証番号再設定の記録</translation>
    </message>
    <message>
        <source>Record the address change</source>
        <translation>住所変更の記録</translation>
    </message>
    <message>
        <source>Record the issuance</source>
        <translation>交付の記録</translation>
    </message>
    <message>
        <source>Record the return</source>
        <translation>返納の記録</translation>
    </message>
    <message>
        <source>Record the verification</source>
        <translation>確認を記録</translation>
    </message>
    <message>
        <source>Put the old card&apos;s services on the new card</source>
        <translation>旧カードのサービスを新カードに移す</translation>
    </message>
    <message>
        <source>Revoke the old card</source>
        <translation>旧カードの失効</translation>
    </message>
    <message>
        <source>Set the new PIN</source>
        <translation>新しい暗証番号の設定</translation>
    </message>
    <message>
        <source>Write the card</source>
        <translation>カードへの書き込み</translation>
    </message>
    <message>
        <source>Write the new address</source>
        <translation>新住所の書き込み</translation>
    </message>
</context>
</TS>
