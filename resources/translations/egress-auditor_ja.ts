<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>ea</name>
    <message>
        <source>cannot initialise SHA-256</source>
        <translation>SHA-256 を初期化できない</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセルされた</translation>
    </message>
    <message>
        <source>1 byte</source>
        <translation>1 バイト</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 バイト</translation>
    </message>
    <message>
        <source>both</source>
        <translation>双方向</translation>
    </message>
    <message>
        <source>inbound</source>
        <translation>受信</translation>
    </message>
    <message>
        <source>outbound</source>
        <translation>送信</translation>
    </message>
</context>
<context>
    <name>ea::Allowlist</name>
    <message>
        <source>The allowlist is larger than %1 MiB</source>
        <translation>許可リストが %1 MiB を超えています</translation>
    </message>
    <message>
        <source>Line %1: the header must name the columns cidr,status,note (found: %2)</source>
        <translation>行 %1: ヘッダー行には列 cidr,status,note が必要です (検出: %2)</translation>
    </message>
    <message>
        <source>The allowlist is empty: it needs the header cidr,status,note</source>
        <translation>許可リストが空です: ヘッダー行 cidr,status,note が必要です</translation>
    </message>
    <message>
        <source>Cannot import the allowlist: %1</source>
        <translation>許可リストをインポートできません: %1</translation>
    </message>
    <message>
        <source>a quoted field is not closed</source>
        <translation>引用符で囲まれたフィールドが閉じていない</translation>
    </message>
    <message>
        <source>text after the closing quote of a field</source>
        <translation>フィールドの閉じ引用符の後にテキストがある</translation>
    </message>
    <message>
        <source>a quote inside an unquoted field</source>
        <translation>引用符で囲まれていないフィールド内に引用符がある</translation>
    </message>
    <message>
        <source>expected %1 fields, found %2</source>
        <translation>フィールド数が %2 (%1 が必要)</translation>
    </message>
    <message>
        <source>unknown status &quot;%1&quot; (expected known-safe, suspicious, malicious or internal)</source>
        <translation>不明な状態 &quot;%1&quot; (known-safe、suspicious、malicious、internal のいずれかが必要)</translation>
    </message>
    <message>
        <source>the note is not valid UTF-8</source>
        <translation>メモが有効な UTF-8 ではない</translation>
    </message>
    <message>
        <source>the note contains a NUL character</source>
        <translation>メモに NUL 文字が含まれている</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>行 %1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 を読み取れません: %2</translation>
    </message>
    <message>
        <source>Cannot write the allowlist: %1</source>
        <translation>許可リストを書き込めません: %1</translation>
    </message>
</context>
<context>
    <name>ea::BusyDestinations</name>
    <message>
        <source>Cannot update the busy destinations: %1</source>
        <translation>多数の接続がある宛先を更新できません: %1</translation>
    </message>
</context>
<context>
    <name>ea::CaseDatabase</name>
    <message>
        <source>%1 is not an Egress Auditor case: %2</source>
        <translation>%1 は Egress Auditor のケースではありません: %2</translation>
    </message>
    <message>
        <source>%1 was made by a newer version of Egress Auditor (case format %2; this version reads formats up to %3)</source>
        <translation>%1 は新しいバージョンの Egress Auditor で作成されています (ケース形式 %2。このバージョンが読み込めるのは形式 %3 までです)</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
    <message>
        <source>it is not a SQLite database</source>
        <translation>SQLite データベースではない</translation>
    </message>
    <message>
        <source>it is a database of another application</source>
        <translation>別のアプリケーションのデータベースである</translation>
    </message>
    <message>
        <source>it has no schema version</source>
        <translation>スキーマバージョンがない</translation>
    </message>
    <message>
        <source>the table %1 is missing</source>
        <translation>テーブル %1 がない</translation>
    </message>
    <message>
        <source>it contains the %1 &quot;%2&quot;, which Egress Auditor does not create (added by another program or by hand)</source>
        <translation>Egress Auditor が作成しない %1 &quot;%2&quot; が含まれている (別のプログラムまたは手動で追加されたもの)</translation>
    </message>
    <message>
        <source>the %1 &quot;%2&quot; is missing</source>
        <translation>%1 &quot;%2&quot; がない</translation>
    </message>
    <message>
        <source>the definition of the %1 &quot;%2&quot; has been changed</source>
        <translation>%1 &quot;%2&quot; の定義が変更されている</translation>
    </message>
    <message>
        <source>%1; it was not opened and is left unchanged</source>
        <translation>%1 (ケースは開かれず、変更もされていない)</translation>
    </message>
    <message>
        <source>%1 beside it is not a regular file</source>
        <translation>同じ場所にある %1 が通常のファイルではない</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>%1 cannot be opened safely: its journal %2 (left by an interrupted write) names another file as a super-journal, which SQLite would delete while recovering the case. Egress Auditor never writes such a journal. The case and the journal were left untouched; if you trust the case, remove the journal and open it again (the interrupted write is then lost, and the case may be damaged).</source>
        <translation>%1 を安全に開けません: 中断された書き込みによって残されたジャーナル %2 が別のファイルをスーパージャーナルとして指定しており、SQLite はケースの復旧時にそのファイルを削除してしまいます。Egress Auditor がこのようなジャーナルを書き込むことはありません。ケースとジャーナルには手を加えていません。ケースが信頼できる場合は、ジャーナルを削除してからもう一度開いてください (中断された書き込みは失われ、ケースが破損している可能性があります)。</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 は存在しません</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>フォルダーである</translation>
    </message>
    <message>
        <source>it is not a regular file (a pipe, socket or device)</source>
        <translation>通常のファイルではない (パイプ、ソケット、デバイスなど)</translation>
    </message>
    <message>
        <source>Cannot create %1: the folder %2 does not exist</source>
        <translation>%1 を作成できません: フォルダー %2 が存在しません</translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>%1 を作成できません: %2</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>%1 を作成できません</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>ファイルが空である</translation>
    </message>
    <message>
        <source>Cannot upgrade %1: %2</source>
        <translation>%1 の形式を更新できません: %2</translation>
    </message>
    <message>
        <source>%1 is the case itself: choose another file</source>
        <translation>%1 はケース自体です: 別のファイルを選択してください</translation>
    </message>
    <message>
        <source>Cannot save a copy as %1: %2</source>
        <translation>コピーを %1 として保存できません: %2</translation>
    </message>
</context>
<context>
    <name>ea::CaseLockInfo</name>
    <message>
        <source>%1 is locked: another program is writing to it (an import or a change of marks); try again when it has finished</source>
        <translation>%1 はロックされています: 別のプログラムが書き込み中です (インポートまたはマークの変更)。完了してから再試行してください</translation>
    </message>
    <message>
        <source>%1 is locked: process %2 is writing to it (an import or a change of marks); try again when it has finished</source>
        <translation>%1 はロックされています: プロセス %2 が書き込み中です (インポートまたはマークの変更)。完了してから再試行してください</translation>
    </message>
    <message>
        <source>%1 is locked: another import or change of marks is running, process %2: %3; try again when it has finished</source>
        <translation>%1 はロックされています: 別のインポートまたはマークの変更が実行中です (プロセス %2: %3)。完了してから再試行してください</translation>
    </message>
</context>
<context>
    <name>ea::CaseQueries</name>
    <message>
        <source>Cannot read the case: the event list of destination %1 is damaged</source>
        <translation>ケースを読み取れません: 宛先 %1 のイベント一覧が破損しています</translation>
    </message>
    <message>
        <source>Cannot read the case: %1</source>
        <translation>ケースを読み取れません: %1</translation>
    </message>
    <message>
        <source>(no process)</source>
        <translation>(プロセスなし)</translation>
    </message>
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1 (pid %2)</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%2 上の %1</translation>
    </message>
</context>
<context>
    <name>ea::CaseSession</name>
    <message>
        <source>No case is open.</source>
        <translation>ケースが開かれていません。</translation>
    </message>
</context>
<context>
    <name>ea::CaseWriter</name>
    <message>
        <source>recording the source: %1</source>
        <translation>ソースファイルの記録に失敗: %1</translation>
    </message>
    <message>
        <source>preparing the import: %1</source>
        <translation>インポートの準備に失敗: %1</translation>
    </message>
    <message>
        <source>inspecting events: %1</source>
        <translation>イベントの検査に失敗: %1</translation>
    </message>
    <message>
        <source>preparing the bulk insert: %1</source>
        <translation>一括挿入の準備に失敗: %1</translation>
    </message>
    <message>
        <source>indexing destinations: %1</source>
        <translation>宛先のインデックス作成に失敗: %1</translation>
    </message>
    <message>
        <source>inserting a destination: %1</source>
        <translation>宛先の挿入に失敗: %1</translation>
    </message>
    <message>
        <source>inserting a spelling: %1</source>
        <translation>表記の挿入に失敗: %1</translation>
    </message>
    <message>
        <source>inserting a host: %1</source>
        <translation>ホストの挿入に失敗: %1</translation>
    </message>
    <message>
        <source>inserting a process: %1</source>
        <translation>プロセスの挿入に失敗: %1</translation>
    </message>
    <message>
        <source>event ids out of step with the case (expected %1 or more, got %2)</source>
        <translation>イベント ID がケースと整合しない (%1 以上のはずが %2)</translation>
    </message>
    <message>
        <source>inserting an event: %1</source>
        <translation>イベントの挿入に失敗: %1</translation>
    </message>
    <message>
        <source>recording a rejected row: %1</source>
        <translation>拒否された行の記録に失敗: %1</translation>
    </message>
    <message>
        <source>updating a process: %1</source>
        <translation>プロセスの更新に失敗: %1</translation>
    </message>
    <message>
        <source>updating a host: %1</source>
        <translation>ホストの更新に失敗: %1</translation>
    </message>
    <message>
        <source>recording the source&apos;s notes: %1</source>
        <translation>ソースファイルの注記の記録に失敗: %1</translation>
    </message>
    <message>
        <source>reading destinations: %1</source>
        <translation>宛先の読み取りに失敗: %1</translation>
    </message>
    <message>
        <source>the case is damaged: a destination id is out of range</source>
        <translation>ケースが破損している: 宛先 ID が範囲外</translation>
    </message>
    <message>
        <source>the case is damaged: the destination ids are not numbered from 1</source>
        <translation>ケースが破損している: 宛先 ID が 1 から始まっていない</translation>
    </message>
    <message>
        <source>reading spellings: %1</source>
        <translation>表記の読み取りに失敗: %1</translation>
    </message>
    <message>
        <source>the case is damaged: an address spelling id is out of range</source>
        <translation>ケースが破損している: アドレス表記の ID が範囲外</translation>
    </message>
    <message>
        <source>the case is damaged: the address spelling ids are not numbered from 1</source>
        <translation>ケースが破損している: アドレス表記の ID が 1 から始まっていない</translation>
    </message>
    <message>
        <source>reading events: %1</source>
        <translation>イベントの読み取りに失敗: %1</translation>
    </message>
    <message>
        <source>the case is damaged: an event id is out of range</source>
        <translation>ケースが破損している: イベント ID が範囲外</translation>
    </message>
    <message>
        <source>reading destination event lists: %1</source>
        <translation>宛先のイベント一覧の読み取りに失敗: %1</translation>
    </message>
    <message>
        <source>the case is damaged: a destination&apos;s event list is out of range</source>
        <translation>ケースが破損している: 宛先のイベント一覧が範囲外</translation>
    </message>
    <message>
        <source>reading hosts: %1</source>
        <translation>ホストの読み取りに失敗: %1</translation>
    </message>
    <message>
        <source>the case is damaged: a host id is out of range</source>
        <translation>ケースが破損している: ホスト ID が範囲外</translation>
    </message>
    <message>
        <source>the case is damaged: the host ids are not numbered from 1</source>
        <translation>ケースが破損している: ホスト ID が 1 から始まっていない</translation>
    </message>
    <message>
        <source>reading processes: %1</source>
        <translation>プロセスの読み取りに失敗: %1</translation>
    </message>
    <message>
        <source>the case is damaged: a process id is out of range</source>
        <translation>ケースが破損している: プロセス ID が範囲外</translation>
    </message>
    <message>
        <source>the case is damaged: the process ids are not numbered from 1</source>
        <translation>ケースが破損している: プロセス ID が 1 から始まっていない</translation>
    </message>
    <message>
        <source>the case is damaged: a process alias is out of range</source>
        <translation>ケースが破損している: プロセスの別名が範囲外</translation>
    </message>
    <message>
        <source>merging statistics: %1</source>
        <translation>統計の統合に失敗: %1</translation>
    </message>
    <message>
        <source>preparing statistics: %1</source>
        <translation>統計の準備に失敗: %1</translation>
    </message>
    <message>
        <source>writing statistics: %1</source>
        <translation>統計の書き込みに失敗: %1</translation>
    </message>
    <message>
        <source>the case is damaged: a destination&apos;s connection count is out of range</source>
        <translation>ケースが破損している: 宛先の接続数が範囲外</translation>
    </message>
    <message>
        <source>preparing event lists: %1</source>
        <translation>イベント一覧の準備に失敗: %1</translation>
    </message>
    <message>
        <source>writing event lists: %1</source>
        <translation>イベント一覧の書き込みに失敗: %1</translation>
    </message>
    <message>
        <source>merging event lists: %1</source>
        <translation>イベント一覧の統合に失敗: %1</translation>
    </message>
    <message>
        <source>the case is damaged: a destination&apos;s event count is out of range</source>
        <translation>ケースが破損している: 宛先のイベント数が範囲外</translation>
    </message>
</context>
<context>
    <name>ea::ChartsPage</name>
    <message>
        <source>%1 (relative)</source>
        <translation>%1 (相対)</translation>
    </message>
    <message>
        <source>%1 UTC, or local time of an unknown zone</source>
        <translation>%1 UTC、またはタイムゾーン不明の現地時刻</translation>
    </message>
    <message>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>1 日ごと</translation>
    </message>
    <message>
        <source>per hour</source>
        <translation>1 時間ごと</translation>
    </message>
    <message>
        <source>per %1 hours</source>
        <translation>%1 時間ごと</translation>
    </message>
    <message>
        <source>per minute</source>
        <translation>1 分ごと</translation>
    </message>
    <message>
        <source>per %1 minutes</source>
        <translation>%1 分ごと</translation>
    </message>
    <message>
        <source>1 event without a time (not drawn)</source>
        <translation>時刻のないイベント 1 件 (非表示)</translation>
    </message>
    <message>
        <source>%1 events without a time (not drawn)</source>
        <translation>時刻のないイベント %1 件 (非表示)</translation>
    </message>
    <message>
        <source>Time since the capture started (relative)</source>
        <translation>キャプチャ開始からの経過時間 (相対)</translation>
    </message>
    <message>
        <source>Time (UTC; some of unknown zone, read as UTC)</source>
        <translation>時刻 (UTC。一部はタイムゾーン不明で UTC として解釈)</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>時刻 (UTC)</translation>
    </message>
    <message>
        <source>Clear &amp;time range</source>
        <translation>時間範囲をクリア(&amp;T)</translation>
    </message>
    <message>
        <source>Stack by category</source>
        <translation>カテゴリ別に積み上げ</translation>
    </message>
    <message>
        <source>Stack by review status</source>
        <translation>レビュー状態別に積み上げ</translation>
    </message>
    <message>
        <source>How the connections over time are divided</source>
        <translation>接続数の推移の分け方</translation>
    </message>
    <message>
        <source>Remove since: and until: from the filter</source>
        <translation>フィルターから since: と until: を削除</translation>
    </message>
    <message>
        <source>Drag across the chart to show only that time range</source>
        <translation>グラフ上をドラッグすると、その時間範囲のみを表示します</translation>
    </message>
    <message>
        <source>Loading the destinations…</source>
        <translation>宛先を読み込み中…</translation>
    </message>
    <message>
        <source>Computing the charts of the %1 destinations the table shows…</source>
        <translation>表に表示されている %1 件の宛先のグラフを計算中…</translation>
    </message>
    <message>
        <source>Charts of the %1 destinations the table shows (%2 connections). Drag across a time chart to filter by time.</source>
        <translation>表に表示されている %1 件の宛先のグラフ (接続 %2 件)。時系列グラフ上をドラッグすると時間で絞り込めます。</translation>
    </message>
    <message>
        <source>Egress Auditor chart</source>
        <translation>Egress Auditor グラフ</translation>
    </message>
    <message>
        <source>Cannot save the chart as SVG</source>
        <translation>グラフを SVG として保存できません</translation>
    </message>
    <message>
        <source>Cannot save the chart as PNG</source>
        <translation>グラフを PNG として保存できません</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>グラフの保存</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG 画像 (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>Save as &amp;PNG…</source>
        <translation>PNG として保存(&amp;P)…</translation>
    </message>
    <message>
        <source>Save as &amp;SVG…</source>
        <translation>SVG として保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Top %1 of %2 destinations by connections</source>
        <translation>接続数上位の宛先 (%2 件中 %1 件)</translation>
    </message>
    <message>
        <source>Destinations by connections</source>
        <translation>接続数順の宛先</translation>
    </message>
    <message>
        <source>Top destinations: computing…</source>
        <translation>上位の宛先: 計算中…</translation>
    </message>
    <message>
        <source>Top destinations: no connections in view</source>
        <translation>上位の宛先: 表示中の接続なし</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>接続数</translation>
    </message>
    <message>
        <source>%1: %2 connections (%3)</source>
        <translation>%1: 接続 %2 件 (%3)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Total: %1 connections</source>
        <translation>合計: 接続 %1 件</translation>
    </message>
    <message>
        <source>Selected destination: %1</source>
        <translation>選択した宛先: %1</translation>
    </message>
    <message>
        <source>Connections over time, %1</source>
        <translation>接続数の推移 (%1)</translation>
    </message>
    <message>
        <source>Connections over time</source>
        <translation>接続数の推移</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Selected destination</source>
        <translation>選択した宛先</translation>
    </message>
    <message>
        <source>Selected: %1</source>
        <translation>選択: %1</translation>
    </message>
    <message>
        <source>Destinations</source>
        <translation>宛先数</translation>
    </message>
    <message>
        <source>%1: %2 destinations, %3 connections</source>
        <translation>%1: 宛先 %2 件、接続 %3 件</translation>
    </message>
    <message>
        <source>Destinations by category</source>
        <translation>カテゴリ別の宛先</translation>
    </message>
    <message>
        <source>Destinations by review status</source>
        <translation>レビュー状態別の宛先</translation>
    </message>
    <message>
        <source>Select a process on the Processes tab to chart it</source>
        <translation>「プロセス」タブでプロセスを選択するとグラフを表示します</translation>
    </message>
    <message>
        <source>the selected process</source>
        <translation>選択したプロセス</translation>
    </message>
    <message>
        <source>Destinations of %1</source>
        <translation>%1 の宛先</translation>
    </message>
    <message>
        <source>%1: no connections to the destinations in view</source>
        <translation>%1: 表示中の宛先への接続なし</translation>
    </message>
    <message>
        <source>Activity of %1</source>
        <translation>%1 のアクティビティ</translation>
    </message>
    <message>
        <source>%1 (%2)
%3 connections</source>
        <translation>%1 (%2)
接続 %3 件</translation>
    </message>
    <message>
        <source>%1 local time (%2)</source>
        <translation>%1 ローカル時刻 (%2)</translation>
    </message>
    <message>
        <source>Time (local, %1)</source>
        <translation>時刻 (ローカル、%1)</translation>
    </message>
    <message>
        <source>Breakdown by category</source>
        <translation>カテゴリ別の内訳</translation>
    </message>
    <message>
        <source>Breakdown by country</source>
        <translation>国別の内訳</translation>
    </message>
    <message>
        <source>Breakdown by AS organisation</source>
        <translation>AS 組織別の内訳</translation>
    </message>
    <message>
        <source>How the first breakdown chart groups the destinations in view (country and AS organisation come from the MaxMind databases of Edit → Preferences → Owners)</source>
        <translation>最初の内訳グラフが表示中の宛先をどう分けるか（国と AS 組織は 編集 → 設定 → 所有者 の MaxMind データベースから）</translation>
    </message>
    <message>
        <source>No owners known: choose MaxMind databases in Edit → Preferences</source>
        <translation>所有者が不明です: 編集 → 設定 で MaxMind データベースを選んでください</translation>
    </message>
    <message>
        <source>Connections by country</source>
        <translation>国別の接続</translation>
    </message>
    <message>
        <source>Connections by AS organisation</source>
        <translation>AS 組織別の接続</translation>
    </message>
    <message>
        <source>known</source>
        <translation>既知</translation>
    </message>
    <message>
        <source>(other)</source>
        <translation>（その他）</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>（不明）</translation>
    </message>
</context>
<context>
    <name>ea::ChartsPlacement</name>
    <message>
        <source>Charts</source>
        <translation>グラフ</translation>
    </message>
    <message>
        <source>Charts in a &amp;Dock</source>
        <translation>グラフをドックに表示(&amp;D)</translation>
    </message>
    <message>
        <source>C&amp;harts</source>
        <translation>グラフ(&amp;H)</translation>
    </message>
    <message>
        <source>Show the charts beside the table instead of in a tab</source>
        <translation>グラフをタブではなく表の横に表示</translation>
    </message>
</context>
<context>
    <name>ea::DataLakeQuery</name>
    <message>
        <source>unknown column key &apos;%1&apos; (expected table, time, sensor, process, dst or port)</source>
        <translation>不明な列キー &apos;%1&apos;（table、time、sensor、process、dst、port のいずれか）</translation>
    </message>
    <message>
        <source>%1: the name is empty</source>
        <translation>%1: 名前が空です</translation>
    </message>
    <message>
        <source>%1: the name holds a control character</source>
        <translation>%1: 名前に制御文字が含まれています</translation>
    </message>
    <message>
        <source>%1: a part of the name is empty</source>
        <translation>%1: 名前の一部が空です</translation>
    </message>
</context>
<context>
    <name>ea::DestProcesses</name>
    <message>
        <source>Cannot read the case: the process statistics of destination %1 are damaged</source>
        <translation>ケースを読み取れません: 宛先 %1 のプロセス統計が破損しています</translation>
    </message>
</context>
<context>
    <name>ea::DestinationFilter</name>
    <message>
        <source>%1: the closing quote is missing</source>
        <translation>%1: 閉じ引用符がない</translation>
    </message>
    <message>
        <source>%1: the value is missing</source>
        <translation>%1: 値がない</translation>
    </message>
    <message>
        <source>%1: a port is a number from 0 to 65535</source>
        <translation>%1: ポートは 0 ～ 65535 の数値</translation>
    </message>
    <message>
        <source>%1: a source is an address or a CIDR block (%2)</source>
        <translation>%1: 送信元はアドレスまたは CIDR ブロック (%2)</translation>
    </message>
    <message>
        <source>%1: unknown status (one of %2)</source>
        <translation>%1: 不明な状態 (%2 のいずれか)</translation>
    </message>
    <message>
        <source>%1: unknown category (one of %2)</source>
        <translation>%1: 不明なカテゴリ (%2 のいずれか)</translation>
    </message>
    <message>
        <source>%1: a time is an ISO 8601 date-time or a date, in UTC (e.g. 2024-05-01T13:00:00Z or 2024-05-01)</source>
        <translation>%1: 時刻は UTC の ISO 8601 日時または日付 (例: 2024-05-01T13:00:00Z、2024-05-01)</translation>
    </message>
    <message>
        <source>%1: unknown direction (one of outbound, inbound, both)</source>
        <translation>%1: 不明な方向 (outbound, inbound, both のいずれか)</translation>
    </message>
    <message>
        <source>%1 is not a valid CIDR block (%2)</source>
        <translation>%1 は有効な CIDR ブロックではない (%2)</translation>
    </message>
    <message>
        <source>%1: a byte count is a number with an optional unit (e.g. bytes&gt;1M, bytesout&gt;=500k, bytesin&lt;2GiB)</source>
        <translation>%1: バイト数は数値 (単位は省略可。例: bytes&gt;1M, bytesout&gt;=500k, bytesin&lt;2GiB)</translation>
    </message>
    <message>
        <source>%1: a country is a two-letter ISO 3166 code (e.g. JP)</source>
        <translation>%1: 国は ISO 3166 の2文字コードです（例: JP）</translation>
    </message>
    <message>
        <source>%1: an AS number is 1 to 4294967295, with or without AS (e.g. 13335)</source>
        <translation>%1: AS 番号は 1〜4294967295 です。AS は付けても付けなくてもかまいません（例: 13335）</translation>
    </message>
    <message>
        <source>%1: unknown filter (port:, process:, host:, source:, status:, category:, since:, until:, direction:, bytes&gt;, list:, country:, asn:, org:; quote text that contains a colon)</source>
        <translation>%1: 不明なフィルター (port:, process:, host:, source:, status:, category:, since:, until:, direction:, bytes&gt;, list:, country:, asn:, org:。コロンを含むテキストは引用符で囲む)</translation>
    </message>
</context>
<context>
    <name>ea::DestinationsModel</name>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>%1 by the mark on %2</source>
        <translation>%2 のマークにより %1</translation>
    </message>
    <message>
        <source>Traffic to this category leaves the organisation</source>
        <translation>このカテゴリへの通信は組織の外部に出ます</translation>
    </message>
    <message>
        <source>A special-purpose block: not a public destination</source>
        <translation>特殊用途のブロック: パブリックな宛先ではありません</translation>
    </message>
    <message>
        <source>Sent to this destination: %1</source>
        <translation>この宛先への送信: %1</translation>
    </message>
    <message>
        <source>Received from this destination: %1</source>
        <translation>この宛先からの受信: %1</translation>
    </message>
    <message>
        <source>Which ways its connections went; a record that names no direction counts as outbound</source>
        <translation>接続の方向。方向が記録されていないレコードは送信として数えます</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Expanded</source>
        <translation>展開表記</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>カテゴリ</translation>
    </message>
    <message>
        <source>External</source>
        <translation>外部</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>プロセス</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>初回</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最終</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>送信バイト</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>受信バイト</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>On the known lists (list: label): %1</source>
        <translation>既知のリスト (リスト: ラベル): %1</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>Autonomous system %1: %2</source>
        <translation>自律システム %1: %2</translation>
    </message>
    <message>
        <source>Who holds each address, from MaxMind-format databases (GeoLite2, DB-IP lite, IPinfo lite): choose yours in Edit → Preferences → Owners. The case keeps what they said.</source>
        <translation>各アドレスの保有者（MaxMind 形式のデータベース: GeoLite2、DB-IP lite、IPinfo lite から）。編集 → 設定 → 所有者 で選んでください。ケースはその結果を保持します。</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <source>ASN</source>
        <translation>ASN</translation>
    </message>
    <message>
        <source>AS organisation</source>
        <translation>AS 組織</translation>
    </message>
</context>
<context>
    <name>ea::DestinationsPage</name>
    <message>
        <source>&amp;All destinations</source>
        <translation>すべての宛先(&amp;A)</translation>
    </message>
    <message>
        <source>Hide &amp;known-safe and internal</source>
        <translation>既知の安全と内部を非表示(&amp;K)</translation>
    </message>
    <message>
        <source>Outbound onl&amp;y</source>
        <translation>送信のみ(&amp;Y)</translation>
    </message>
    <message>
        <source>Filter: text, 10.0.0.0/8, 2001:db8::/32, port:443, process:curl, host:web, source:10.0.0.0/24, status:suspicious, category:global, bytes&gt;1M, direction:inbound</source>
        <translation>フィルター: テキスト、10.0.0.0/8、2001:db8::/32、port:443、process:curl、host:web、source:10.0.0.0/24、status:suspicious、category:global、bytes&gt;1M、direction:inbound</translation>
    </message>
    <message>
        <source>Double-click or Enter: show this process</source>
        <translation>ダブルクリックまたは Enter: このプロセスを表示</translation>
    </message>
    <message>
        <source>Hide peers seen only inbound: they reached these machines, and are not egress destinations (%1 hidden now). A direction: filter overrides this.</source>
        <translation>受信でのみ観測された相手を非表示にします。これらはこのマシン群に接続してきた相手であり、外向き通信の宛先ではありません (現在 %1 件を非表示)。direction: フィルターを指定すると、こちらが優先されます。</translation>
    </message>
    <message>
        <source>Hide peers seen only inbound: they reached these machines, and are not egress destinations. A direction: filter overrides this.</source>
        <translation>受信でのみ観測された相手を非表示にします。これらはこのマシン群に接続してきた相手であり、外向き通信の宛先ではありません。direction: フィルターを指定すると、こちらが優先されます。</translation>
    </message>
    <message>
        <source>Hide destinations already marked known-safe or internal (%1 hidden now)</source>
        <translation>既知の安全または内部としてマーク済みの宛先を非表示 (現在 %1 件を非表示)</translation>
    </message>
    <message>
        <source>Hide destinations already marked known-safe or internal</source>
        <translation>既知の安全または内部としてマーク済みの宛先を非表示</translation>
    </message>
    <message>
        <source>Show every destination, not only external ones (%1 not external hidden now)</source>
        <translation>外部の宛先だけでなく、すべての宛先を表示 (現在、外部以外の %1 件を非表示)</translation>
    </message>
    <message>
        <source>Show every destination, not only external ones</source>
        <translation>外部の宛先だけでなく、すべての宛先を表示</translation>
    </message>
    <message>
        <source>Loading: the first %1 destinations shown</source>
        <translation>読み込み中: 最初の %1 件の宛先を表示</translation>
    </message>
    <message>
        <source>%1 hidden by review status</source>
        <translation>レビュー状態により %1 件を非表示</translation>
    </message>
    <message>
        <source>%1 seen only inbound</source>
        <translation>受信のみ %1 件</translation>
    </message>
    <message>
        <source>%1 not external</source>
        <translation>外部以外 %1 件</translation>
    </message>
    <message>
        <source>%1 of %2 destinations</source>
        <translation>%2 件中 %1 件の宛先</translation>
    </message>
    <message>
        <source>The linked destination was hidden by the view: &lt;i&gt;All destinations&lt;/i&gt; is now on, and &lt;i&gt;Hide known-safe and internal&lt;/i&gt; and &lt;i&gt;Outbound only&lt;/i&gt; off.</source>
        <translation>リンクされた宛先が表示設定により非表示になっていたため、&lt;i&gt;すべての宛先&lt;/i&gt; をオンにし、&lt;i&gt;既知の安全と内部を非表示&lt;/i&gt; と &lt;i&gt;送信のみ&lt;/i&gt; をオフにしました。</translation>
    </message>
    <message>
        <source>The linked destination was hidden by the view: &lt;i&gt;All destinations&lt;/i&gt; is now on, &lt;i&gt;Hide known-safe and internal&lt;/i&gt; and &lt;i&gt;Outbound only&lt;/i&gt; off, and the filter &lt;b&gt;%1&lt;/b&gt; cleared.</source>
        <translation>リンクされた宛先が表示設定により非表示になっていたため、&lt;i&gt;すべての宛先&lt;/i&gt; をオンにし、&lt;i&gt;既知の安全と内部を非表示&lt;/i&gt; と &lt;i&gt;送信のみ&lt;/i&gt; をオフにして、フィルター &lt;b&gt;%1&lt;/b&gt; をクリアしました。</translation>
    </message>
    <message>
        <source>Processes &amp;that contacted %1:</source>
        <translation>%1 に接続したプロセス(&amp;T):</translation>
    </message>
    <message>
        <source>Eve&amp;nts of %1:</source>
        <translation>%1 のイベント(&amp;N):</translation>
    </message>
    <message>
        <source>Processes &amp;that contacted the destination: no destination selected</source>
        <translation>宛先に接続したプロセス(&amp;T): 宛先が選択されていません</translation>
    </message>
    <message>
        <source>Eve&amp;nts: no destination selected</source>
        <translation>イベント(&amp;N): 宛先が選択されていません</translation>
    </message>
    <message>
        <source>Copy &amp;address</source>
        <translation>アドレスをコピー(&amp;A)</translation>
    </message>
    <message>
        <source>Copy &amp;expanded address</source>
        <translation>展開したアドレスをコピー(&amp;E)</translation>
    </message>
    <message>
        <source>Copy row as &amp;CSV</source>
        <translation>行を CSV としてコピー(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Filter to this</source>
        <translation>この値でフィルター(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Mark</source>
        <translation>マーク(&amp;M)</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>プロセス</translation>
    </message>
    <message>
        <source>(no process named)</source>
        <translation>(プロセス名なし)</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>初回</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最終</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>送信バイト</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>受信バイト</translation>
    </message>
</context>
<context>
    <name>ea::EventScan</name>
    <message>
        <source>Cannot read the case: %1</source>
        <translation>ケースを読み取れません: %1</translation>
    </message>
    <message>
        <source>Cannot read the case: event chunk %1 is damaged</source>
        <translation>ケースを読み取れません: イベントチャンク %1 が破損しています</translation>
    </message>
</context>
<context>
    <name>ea::EventsModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>outbound</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>inbound</source>
        <translation>受信</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>%1 port %2</source>
        <translation>%1 ポート %2</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>プロセス</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>送信元</translation>
    </message>
    <message>
        <source>Destination as written</source>
        <translation>宛先 (元の表記)</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>プロトコル</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>File:line</source>
        <translation>ファイル:行</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>接続数</translation>
    </message>
</context>
<context>
    <name>ea::ExportFile</name>
    <message>
        <source>Cannot write %1: it is not a regular file</source>
        <translation>%1 に書き込めません: 通常のファイルではありません</translation>
    </message>
    <message>
        <source>Cannot write %1: it is the case file %2 itself</source>
        <translation>%1 に書き込めません: ケースファイル %2 そのものです</translation>
    </message>
    <message>
        <source>Cannot write %1: it is the SQLite file %2 of the case %3</source>
        <translation>%1 に書き込めません: ケース %3 の SQLite ファイル %2 です</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
</context>
<context>
    <name>ea::FormatDetector</name>
    <message>
        <source>unbalanced double quote in the header line %1</source>
        <translation>ヘッダー行 %1 の二重引用符の対応が取れていない</translation>
    </message>
    <message>
        <source>CSV header with a single column &quot;%1&quot;</source>
        <translation>列が &quot;%1&quot; の 1 列だけの CSV ヘッダー行</translation>
    </message>
    <message>
        <source>not a known log format: the first line has no comma, tab or semicolon and no Zeek, W3C or JSON marker (&quot;%1&quot;)</source>
        <translation>既知のログ形式ではない: 最初の行にカンマ、タブ、セミコロンがなく、Zeek、W3C、JSON の目印もない (&quot;%1&quot;)</translation>
    </message>
    <message>
        <source>tab-separated header with %1 columns</source>
        <translation>%1 列のタブ区切りヘッダー行</translation>
    </message>
    <message>
        <source>CSV header with %1 columns separated by &apos;%2&apos;</source>
        <translation>&apos;%2&apos; で区切られた %1 列の CSV ヘッダー行</translation>
    </message>
    <message>
        <source>one JSON object per line</source>
        <translation>1 行に 1 つの JSON オブジェクト</translation>
    </message>
    <message>
        <source>the first line starts a JSON object longer than the sniffed %1 bytes</source>
        <translation>最初の行で始まる JSON オブジェクトが、判定に使った %1 バイトより長い</translation>
    </message>
    <message>
        <source>one JSON object per line (the first line is not a complete object)</source>
        <translation>1 行に 1 つの JSON オブジェクト (最初の行は完全なオブジェクトではない)</translation>
    </message>
    <message>
        <source>JSON that is not one object per line (pretty-printed?); expected newline-delimited JSON</source>
        <translation>1 行に 1 オブジェクトではない JSON (整形出力?)。改行区切りの JSON が必要</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>ファイルが空である</translation>
    </message>
    <message>
        <source>gzip-compressed data; it must be decompressed before its format can be detected</source>
        <translation>gzip 圧縮データ。形式を判定するには先に展開する必要がある</translation>
    </message>
    <message>
        <source>UTF-16 text; only UTF-8 is supported (convert the file)</source>
        <translation>UTF-16 テキスト。対応しているのは UTF-8 のみ (ファイルの変換が必要)</translation>
    </message>
    <message>
        <source>binary data: NUL byte at offset %1</source>
        <translation>バイナリデータ: オフセット %1 に NUL バイトがある</translation>
    </message>
    <message>
        <source>not UTF-8 text: invalid byte 0x%1 at offset %2</source>
        <translation>UTF-8 テキストではない: オフセット %2 に無効なバイト 0x%1 がある</translation>
    </message>
    <message>
        <source>no text: only blank lines</source>
        <translation>テキストがない: 空行のみ</translation>
    </message>
    <message>
        <source>Zeek log header (#separator)</source>
        <translation>Zeek ログヘッダー (#separator)</translation>
    </message>
    <message>
        <source>Zeek log header (#fields)</source>
        <translation>Zeek ログヘッダー (#fields)</translation>
    </message>
    <message>
        <source>W3C extended log header (#Fields:)</source>
        <translation>W3C 拡張ログヘッダー (#Fields:)</translation>
    </message>
    <message>
        <source>W3C log header without a #Fields: line</source>
        <translation>#Fields: 行のない W3C ログヘッダー</translation>
    </message>
    <message>
        <source>a JSON array; expected one JSON object per line (NDJSON)</source>
        <translation>JSON 配列。1 行に 1 つの JSON オブジェクト (NDJSON) が必要</translation>
    </message>
    <message>
        <source>cannot open the file: %1</source>
        <translation>ファイルを開けない: %1</translation>
    </message>
    <message>
        <source>cannot read the file: %1</source>
        <translation>ファイルを読み込めない: %1</translation>
    </message>
    <message>
        <source>gzip-compressed, but unreadable: %1</source>
        <translation>gzip 圧縮されているが読み込めない: %1</translation>
    </message>
</context>
<context>
    <name>ea::GzipDevice</name>
    <message>
        <source>gzip device is already open</source>
        <translation>gzip デバイスは既に開かれている</translation>
    </message>
    <message>
        <source>gzip data can only be read</source>
        <translation>gzip データは読み込み専用</translation>
    </message>
    <message>
        <source>no compressed input</source>
        <translation>圧縮された入力がない</translation>
    </message>
    <message>
        <source>cannot open compressed input: %1</source>
        <translation>圧縮された入力を開けない: %1</translation>
    </message>
    <message>
        <source>compressed input is not readable</source>
        <translation>圧縮された入力が読み込み可能ではない</translation>
    </message>
    <message>
        <source>cannot start gzip decompression: %1</source>
        <translation>gzip の展開を開始できない: %1</translation>
    </message>
    <message>
        <source>cannot read compressed input: %1</source>
        <translation>圧縮された入力を読み込めない: %1</translation>
    </message>
    <message>
        <source>the input device was deleted</source>
        <translation>入力デバイスが削除された</translation>
    </message>
    <message>
        <source>truncated gzip stream</source>
        <translation>gzip ストリームが途中で切れている</translation>
    </message>
    <message>
        <source>corrupt gzip data: %1</source>
        <translation>gzip データが破損している: %1</translation>
    </message>
</context>
<context>
    <name>ea::ImportCollector</name>
    <message>
        <source>the case is damaged: its event ids have reached the largest possible value</source>
        <translation>ケースが破損している: イベント ID が上限値に達した</translation>
    </message>
    <message>
        <source>the case is damaged: its destination ids have reached the largest possible value</source>
        <translation>ケースが破損している: 宛先 ID が上限値に達した</translation>
    </message>
    <message>
        <source>the case is damaged: its address spelling ids have reached the largest possible value</source>
        <translation>ケースが破損している: アドレス表記 ID が上限値に達した</translation>
    </message>
    <message>
        <source>the case is damaged: its host ids have reached the largest possible value</source>
        <translation>ケースが破損している: ホスト ID が上限値に達した</translation>
    </message>
    <message>
        <source>the case is damaged: its process ids have reached the largest possible value</source>
        <translation>ケースが破損している: プロセス ID が上限値に達した</translation>
    </message>
</context>
<context>
    <name>ea::ImportDialog</name>
    <message>
        <source>Destination address</source>
        <translation>宛先アドレス</translation>
    </message>
    <message>
        <source>Destination port</source>
        <translation>宛先ポート</translation>
    </message>
    <message>
        <source>Source address</source>
        <translation>送信元アドレス</translation>
    </message>
    <message>
        <source>Source port</source>
        <translation>送信元ポート</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>プロトコル</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Process key</source>
        <translation>プロセスキー</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Executable path</source>
        <translation>実行ファイルのパス</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Bytes sent by the source</source>
        <translation>送信元が送信したバイト数</translation>
    </message>
    <message>
        <source>Bytes sent by the destination</source>
        <translation>宛先が送信したバイト数</translation>
    </message>
    <message>
        <source>Bytes both ways</source>
        <translation>双方向のバイト数</translation>
    </message>
    <message>
        <source>connections</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>processes</source>
        <translation>プロセス</translation>
    </message>
    <message>
        <source>hosts</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>Import this file a&amp;gain</source>
        <translation>このファイルを再度インポート(&amp;G)</translation>
    </message>
    <message>
        <source>Import exports</source>
        <translation>エクスポートファイルのインポート</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>インポート(&amp;I)</translation>
    </message>
    <message>
        <source>The case holds a file with the same bytes: its connections would be counted twice</source>
        <translation>ケースには同じ内容のファイルがあります。その接続が二重に数えられます</translation>
    </message>
    <message>
        <source>&amp;Remove file</source>
        <translation>ファイルを除外(&amp;R)</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>ファイル:</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>The column that holds the %1; &quot;(none)&quot; leaves the choice to the import</source>
        <translation>%1 を含む列。「(なし)」の場合はインポート処理に選択を任せます</translation>
    </message>
    <message>
        <source>First rows:</source>
        <translation>先頭の行:</translation>
    </message>
    <message>
        <source>Egress Auditor does not recognise this file (%1). It reads CSV and TSV exports with a header row, Zeek and Windows Firewall logs, and NDJSON (Zeek, Suricata EVE, Sysmon and other Windows events, osquery, ECS). It will not be imported.</source>
        <translation>Egress Auditor はこのファイルを認識できません (%1)。読み込めるのは、ヘッダー行のある CSV と TSV のエクスポート、Zeek と Windows ファイアウォールのログ、NDJSON (Zeek、Suricata EVE、Sysmon などの Windows イベント、osquery、ECS) です。このファイルはインポートされません。</translation>
    </message>
    <message>
        <source>No column is recognised as the destination address. Choose it under Columns (Destination address), with the first rows below to go by. Until then this file will not be imported.</source>
        <translation>宛先アドレスとして認識される列がありません。下の先頭の行を参考に、「列」の「宛先アドレス」で選択してください。選択するまで、このファイルはインポートされません。</translation>
    </message>
    <message>
        <source>%1 This file will not be imported.</source>
        <translation>%1 このファイルはインポートされません。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: format not recognised</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: 形式を認識できません</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: format %2, %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: 形式 %2、%3</translation>
    </message>
    <message>
        <source>Already imported into this case as source %1 (%2, %3). It is skipped unless you import it again, which counts its connections twice.</source>
        <translation>このケースにはソース %1 (%2、%3) として既にインポートされています。再度インポートしない限りスキップされます。再度インポートすると、その接続は二重に数えられます。</translation>
    </message>
    <message>
        <source>Comparing with the files already in the case…</source>
        <translation>ケース内の既存のファイルと比較しています…</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(なし)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>レコード</translation>
    </message>
    <message>
        <source>&amp;Import %1 of %2 files</source>
        <translation>%2 個中 %1 個のファイルをインポート(&amp;I)</translation>
    </message>
</context>
<context>
    <name>ea::ImportJob</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: cannot write to the case: %2</source>
        <translation>%1: ケースに書き込めません: %2</translation>
    </message>
    <message>
        <source>%1: cannot commit: %2</source>
        <translation>%1: コミットできません: %2</translation>
    </message>
    <message>
        <source>%1: already imported into this case (source %2); use --force to import it again</source>
        <translation>%1: このケースには既にインポートされています (ソース %2)。再度インポートするには --force を指定してください</translation>
    </message>
    <message>
        <source>%1: cannot hash: %2</source>
        <translation>%1: ハッシュを計算できません: %2</translation>
    </message>
</context>
<context>
    <name>ea::ImportPreview</name>
    <message>
        <source>%1 of the first %2 rows would be rejected, e.g. line %3: %4. Check the destination column.</source>
        <translation>先頭 %2 行のうち %1 行が拒否されます (例: 行 %3: %4)。宛先の列を確認してください。</translation>
    </message>
    <message>
        <source>The time column &quot;%1&quot; holds no readable time in %2 of the first %3 rows: those events would have no time.</source>
        <translation>時刻の列 &quot;%1&quot; には、先頭 %3 行のうち %2 行で読み取れる時刻がありません。これらのイベントには時刻が付きません。</translation>
    </message>
    <message>
        <source>The port column &quot;%1&quot; holds no port (0 to 65535) in the first %2 rows.</source>
        <translation>ポートの列 &quot;%1&quot; には、先頭 %2 行にポート (0 ～ 65535) がありません。</translation>
    </message>
</context>
<context>
    <name>ea::ImportRunner</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2): %L3 loaded, %L4 rejected, %L5 skipped</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2): 取り込み %L3 件、拒否 %L4 件、スキップ %L5 件</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: cancelled, the case is as it was</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: キャンセルしました。ケースは変更されていません</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: already imported into this case (source %2); skipped. To import it again, tick &quot;Import this file again&quot; in the import dialog.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: このケースには既にインポートされています (ソース %2)。スキップしました。再度インポートするには、インポート ダイアログで「このファイルを再度インポート」をオンにしてください。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2</translation>
    </message>
    <message>
        <source>&amp;nbsp;&amp;nbsp;Note on %1: %2</source>
        <translation>&amp;nbsp;&amp;nbsp;%1 に関する注記: %2</translation>
    </message>
</context>
<context>
    <name>ea::ImportSource</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: unrecognised format: %2</source>
        <translation>%1: 認識できない形式: %2</translation>
    </message>
    <message>
        <source>%1: cannot open: %2</source>
        <translation>%1: 開けません: %2</translation>
    </message>
</context>
<context>
    <name>ea::InputFile</name>
    <message>
        <source>a directory, not a file</source>
        <translation>ファイルではなくディレクトリ</translation>
    </message>
    <message>
        <source>a pipe, not a regular file: it can be read only once and may never end; save it to a regular file first</source>
        <translation>通常のファイルではなくパイプ: 一度しか読み込めず、終わらない可能性もある。先に通常のファイルへ保存する必要がある</translation>
    </message>
    <message>
        <source>a device, not a regular file; save what you need from it to a regular file first</source>
        <translation>通常のファイルではなくデバイス。必要な内容を先に通常のファイルへ保存する必要がある</translation>
    </message>
    <message>
        <source>a socket, not a regular file; save what you need from it to a regular file first</source>
        <translation>通常のファイルではなくソケット。必要な内容を先に通常のファイルへ保存する必要がある</translation>
    </message>
    <message>
        <source>not a regular file; save it to a regular file first</source>
        <translation>通常のファイルではない。先に通常のファイルへ保存する必要がある</translation>
    </message>
</context>
<context>
    <name>ea::InternalNetworksDialog</name>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>Internal networks</source>
        <translation>内部ネットワーク</translation>
    </message>
    <message>
        <source>The organisation&apos;s own networks. Destinations inside them are internal, not external, in every view and export.</source>
        <translation>組織自身のネットワークです。この範囲内の宛先は、すべての表示とエクスポートで外部ではなく内部として扱われます。</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>e.g. 2001:db8:1234::/48</source>
        <translation>例: 2001:db8:1234::/48</translation>
    </message>
    <message>
        <source>note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>追加(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ea::KnownListFile</name>
    <message>
        <source>no address or block</source>
        <translation>アドレスもブロックもありません</translation>
    </message>
    <message>
        <source>%1 has host bits set (did you mean %2/%3?)</source>
        <translation>%1 にホストビットが設定されています (%2/%3 のことですか?)</translation>
    </message>
    <message>
        <source>%1 is not an address or block (%2)</source>
        <translation>%1 はアドレスでもブロックでもありません (%2)</translation>
    </message>
    <message>
        <source>%1 is not a valid block (%2)</source>
        <translation>%1 は有効なブロックではありません (%2)</translation>
    </message>
    <message>
        <source>the label is not valid UTF-8</source>
        <translation>ラベルが有効な UTF-8 ではありません</translation>
    </message>
    <message>
        <source>unreadable CSV record (%1)</source>
        <translation>読めない CSV レコード (%1)</translation>
    </message>
    <message>
        <source>%1: line %2: the header names no address or block column (cidr, network, prefix, address, ip, …)</source>
        <translation>%1: %2 行目: ヘッダーにアドレスまたはブロックの列 (cidr、network、prefix、address、ip など) がありません</translation>
    </message>
    <message>
        <source>%1: cannot read</source>
        <translation>%1: 読み込めません</translation>
    </message>
    <message>
        <source>no block</source>
        <translation>ブロックがありません</translation>
    </message>
    <message>
        <source>%1: not valid JSON at byte %2 (%3)</source>
        <translation>%1: %2 バイト目で JSON が正しくありません (%3)</translation>
    </message>
    <message>
        <source>%1: the JSON is not an object</source>
        <translation>%1: JSON がオブジェクトではありません</translation>
    </message>
    <message>
        <source>%1: JSON that is none of AWS ip-ranges.json, Azure Service Tags and Google cloud.json</source>
        <translation>%1: AWS ip-ranges.json、Azure Service Tags、Google cloud.json のいずれでもない JSON です</translation>
    </message>
    <message>
        <source>%1: no address or block in the file</source>
        <translation>%1: ファイルにアドレスもブロックもありません</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: cannot open: %2</source>
        <translation>%1: 開けません: %2</translation>
    </message>
    <message>
        <source>%1: larger than %2 MiB: not a list this app reads</source>
        <translation>%1: %2 MiB を超えています: このアプリが読むリストではありません</translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1: 読み込めません: %2</translation>
    </message>
    <message>
        <source>%1: more than %2 blocks: not a list this app reads</source>
        <translation>%1: ブロックが %2 件を超えています: このアプリが読むリストではありません</translation>
    </message>
</context>
<context>
    <name>ea::KnownLists</name>
    <message>
        <source>Cannot read the known lists: %1</source>
        <translation>既知のリストを読み込めません: %1</translation>
    </message>
    <message>
        <source>Cannot store the known list: %1</source>
        <translation>既知のリストを保存できません: %1</translation>
    </message>
    <message>
        <source>Cannot mark the list&apos;s destinations: %1</source>
        <translation>リストの宛先にマークを付けられません: %1</translation>
    </message>
    <message>
        <source>a list needs a name</source>
        <translation>リストには名前が必要です</translation>
    </message>
    <message>
        <source>a list&apos;s name has at most %1 bytes</source>
        <translation>リスト名は最大 %1 バイトです</translation>
    </message>
    <message>
        <source>a list&apos;s name must be UTF-8 text</source>
        <translation>リスト名は UTF-8 テキストでなければなりません</translation>
    </message>
    <message>
        <source>a list&apos;s name cannot start or end with a blank</source>
        <translation>リスト名の先頭と末尾に空白は使えません</translation>
    </message>
    <message>
        <source>a list&apos;s name cannot hold &apos;:&apos;, &apos;;&apos; or control characters</source>
        <translation>リスト名に &apos;:&apos;、&apos;;&apos;、制御文字は使えません</translation>
    </message>
    <message>
        <source>This case is of an older format, opened read-only: it cannot hold known lists</source>
        <translation>このケースは古い形式で、読み取り専用で開かれています: 既知のリストを保持できません</translation>
    </message>
    <message>
        <source>The case already has a list named %1</source>
        <translation>ケースには %1 という名前のリストが既にあります</translation>
    </message>
    <message>
        <source>The case has no list named %1</source>
        <translation>ケースに %1 という名前のリストはありません</translation>
    </message>
    <message>
        <source>unreviewed is not a mark status; remove the marks instead</source>
        <translation>未レビューはマークの状態ではありません。代わりにマークを削除してください</translation>
    </message>
    <message>
        <source>Cannot remove the known list: %1</source>
        <translation>既知のリストを削除できません: %1</translation>
    </message>
</context>
<context>
    <name>ea::KnownListsDialog</name>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>Known lists</source>
        <translation>既知リスト</translation>
    </message>
    <message>
        <source>The known lists of this case. The Lists column and the filter list:NAME show which hold each destination. Removing a list keeps the marks it made.</source>
        <translation>このケースの既知リストです。「リスト」列とフィルター list:NAME で、各宛先を含むリストがわかります。リストを削除しても、そのリストが付けたマークは残ります。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation>ブロック数</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>取り込み日時</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>No known list yet: File → Import known list… adds one.</source>
        <translation>既知リストはまだありません。「ファイル → 既知リストを取り込む…」で追加できます。</translation>
    </message>
    <message>
        <source>Remove known list</source>
        <translation>既知リストを削除</translation>
    </message>
    <message>
        <source>Remove the known list %1 from the case? The marks it made stay.</source>
        <translation>既知リスト %1 をケースから削除しますか？ そのリストが付けたマークは残ります。</translation>
    </message>
</context>
<context>
    <name>ea::MainWindow</name>
    <message>
        <source>&amp;Destinations</source>
        <translation>宛先(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Processes</source>
        <translation>プロセス(&amp;P)</translation>
    </message>
    <message>
        <source>Re&amp;jected rows</source>
        <translation>拒否された行(&amp;J)</translation>
    </message>
    <message>
        <source>S&amp;ources</source>
        <translation>ソース(&amp;O)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop the import: the case stays as it was before this file</source>
        <translation>インポートを中止します。ケースはこのファイルのインポート前の状態のままになります</translation>
    </message>
    <message>
        <source>Saving marks…</source>
        <translation>マークを保存しています…</translation>
    </message>
    <message>
        <source>%1 The undo history was cleared: it no longer matches the case.</source>
        <translation>%1 元に戻す履歴はケースと一致しなくなったため、消去されました。</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>新しいケース(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open case…</source>
        <translation>ケースを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Import exports…</source>
        <translation>エクスポートファイルをインポート(&amp;I)…</translation>
    </message>
    <message>
        <source>Sa&amp;ve case as…</source>
        <translation>名前を付けてケースを保存(&amp;V)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近使ったケースを開く(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export destinations in view…</source>
        <translation>表示中の宛先をエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;all destinations…</source>
        <translation>すべての宛先をエクスポート(&amp;A)…</translation>
    </message>
    <message>
        <source>Export in view as old query &amp;form…</source>
        <translation>表示中の宛先を旧クエリ形式でエクスポート(&amp;F)…</translation>
    </message>
    <message>
        <source>Import a&amp;llowlist…</source>
        <translation>許可リストをインポート(&amp;L)…</translation>
    </message>
    <message>
        <source>Import allowlist</source>
        <translation>許可リストのインポート</translation>
    </message>
    <message>
        <source>Allowlists (*.csv);;All files (*)</source>
        <translation>許可リスト (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Export allo&amp;wlist…</source>
        <translation>許可リストをエクスポート(&amp;W)…</translation>
    </message>
    <message>
        <source>Export allowlist</source>
        <translation>許可リストのエクスポート</translation>
    </message>
    <message>
        <source>Allowlists (*.csv)</source>
        <translation>許可リスト (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直す(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>検索(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>レビュー(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Mark…</source>
        <translation>マーク(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Internal networks…</source>
        <translation>内部ネットワーク(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Rejected rows</source>
        <translation>拒否された行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Sources and import notes</source>
        <translation>ソースとインポート時の注記(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Charts</source>
        <translation>グラフ(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>移動(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>戻る(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>進む(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>ユーザーガイド(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;About Egress Auditor</source>
        <translation>Egress Auditor のバージョン情報(&amp;A)</translation>
    </message>
    <message>
        <source>About Egress Auditor</source>
        <translation>Egress Auditor のバージョン情報</translation>
    </message>
    <message>
        <source>%1 (%2 now edits the text field that has focus; this button still works)</source>
        <translation>%1 (%2 は現在フォーカスのあるテキストフィールドの編集に使われます。このボタンは引き続き使用できます)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>%1 を元に戻す</translation>
    </message>
    <message>
        <source>Undo the last mark</source>
        <translation>最後のマークを元に戻す</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>%1 をやり直す</translation>
    </message>
    <message>
        <source>Redo the mark undone last</source>
        <translation>最後に元に戻したマークをやり直す</translation>
    </message>
    <message>
        <source>Export destinations</source>
        <translation>宛先のエクスポート</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>The destinations are still loading: export them once the table is complete.</source>
        <translation>宛先はまだ読み込み中です。表の読み込みが完了してからエクスポートしてください。</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>%1 にエクスポートしました</translation>
    </message>
    <message>
        <source>%1 — Egress Auditor</source>
        <translation>%1 — Egress Auditor</translation>
    </message>
    <message>
        <source>Egress Auditor</source>
        <translation>Egress Auditor</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Egress Auditor&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Finds the external destinations in connection telemetry exports.&lt;/p&gt;&lt;p&gt;Qt %2, SQLite %3&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Egress Auditor&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;接続テレメトリのエクスポートから外部の宛先を見つけます。&lt;/p&gt;&lt;p&gt;Qt %2, SQLite %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>An import is running: open %1 when it has finished.</source>
        <translation>インポートの実行中です。完了してから %1 を開いてください。</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 を開いています…</translation>
    </message>
    <message>
        <source>An import is running: open more files when it has finished.</source>
        <translation>インポートの実行中です。追加のファイルは完了してから開いてください。</translation>
    </message>
    <message>
        <source>Files are already waiting for the case being opened: import these when that import has started.</source>
        <translation>開いているケースに対して、既にインポート待ちのファイルがあります。そのインポートが始まってから、これらのファイルをインポートしてください。</translation>
    </message>
    <message>
        <source>Starting import…</source>
        <translation>インポートを開始しています…</translation>
    </message>
    <message>
        <source>%1 (%2 of %3): %L4 rows, %L5 rows/s</source>
        <translation>%1 (%2/%3): %L4 行、%L5 行/秒</translation>
    </message>
    <message>
        <source>Show rejected rows</source>
        <translation>拒否された行を表示</translation>
    </message>
    <message>
        <source>Show sources and notes</source>
        <translation>ソースと注記を表示</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>新しいケース</translation>
    </message>
    <message>
        <source>Cases (*.eacase)</source>
        <translation>ケース (*.eacase)</translation>
    </message>
    <message>
        <source>%1 already exists: open it instead.</source>
        <translation>%1 は既に存在します。代わりにそのケースを開いてください。</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>ケースを開く</translation>
    </message>
    <message>
        <source>Cases (*.eacase);;All files (*)</source>
        <translation>ケース (*.eacase);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Cannot write the sample to %1</source>
        <translation>サンプルを %1 に書き込めません</translation>
    </message>
    <message>
        <source>Save case as</source>
        <translation>名前を付けてケースを保存</translation>
    </message>
    <message>
        <source>Saving a copy as %1…</source>
        <translation>コピーを %1 として保存しています…</translation>
    </message>
    <message>
        <source>Saved as %1: the window now works in the copy</source>
        <translation>%1 として保存しました。このウィンドウでは以降コピーを使用します</translation>
    </message>
    <message>
        <source>Import exports</source>
        <translation>エクスポートファイルのインポート</translation>
    </message>
    <message>
        <source>Exports (*.csv *.tsv *.log *.json *.ndjson *.gz *.txt);;All files (*)</source>
        <translation>エクスポートファイル (*.csv *.tsv *.log *.json *.ndjson *.gz *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Pr&amp;eferences…</source>
        <translation>設定(&amp;E)…</translation>
    </message>
    <message>
        <source>%1 is open in another Egress Auditor window: that window was brought to the front.</source>
        <translation>%1 は別の Egress Auditor ウィンドウで開かれています。そのウィンドウを前面に表示しました。</translation>
    </message>
    <message>
        <source>%1 is also open in another Egress Auditor window: marks made in both may overwrite each other. Close one of them.</source>
        <translation>%1 は別の Egress Auditor ウィンドウでも開かれています。両方で付けたマークが互いに上書きされるおそれがあります。どちらかを閉じてください。</translation>
    </message>
    <message>
        <source>Import &amp;known list…</source>
        <translation>既知のリストをインポート(&amp;K)…</translation>
    </message>
    <message>
        <source>Import known list</source>
        <translation>既知のリストをインポート</translation>
    </message>
    <message>
        <source>Known lists (*.json *.txt *.csv *.list);;All files (*)</source>
        <translation>既知のリスト (*.json *.txt *.csv *.list);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Name of the list (the Lists column shows it; list:NAME filters by it):</source>
        <translation>リストの名前 (「リスト」列に表示され、list:名前 で絞り込めます):</translation>
    </message>
    <message>
        <source>The case already has a list named %1, read from %2. Replace it?</source>
        <translation>ケースには %2 から読み込んだ %1 という名前のリストが既にあります。置き換えますか?</translation>
    </message>
    <message>
        <source>Mark a &amp;known list&apos;s destinations…</source>
        <translation>既知のリストの宛先にマーク(&amp;K)…</translation>
    </message>
    <message>
        <source>The case has no known list yet: import one with File &gt; Import known list…</source>
        <translation>ケースにはまだ既知のリストがありません: ファイル &gt; 既知のリストをインポート… で読み込んでください</translation>
    </message>
    <message>
        <source>Mark a known list&apos;s destinations</source>
        <translation>既知のリストの宛先にマーク</translation>
    </message>
    <message>
        <source>List:</source>
        <translation>リスト:</translation>
    </message>
    <message>
        <source>Mark the destinations on %1 as (a mark the list did not make stays):</source>
        <translation>%1 の宛先に付けるマーク (このリストが付けたのではないマークはそのまま残ります):</translation>
    </message>
    <message>
        <source>The case changed or became busy while the dialog was open: nothing was done.</source>
        <translation>ダイアログを開いている間にケースが変わったか使用中になりました: 何も行われていません。</translation>
    </message>
    <message>
        <source>Copy data-lake &amp;query (Trino)</source>
        <translation>データレイク用クエリをコピー (Trino)(&amp;Q)</translation>
    </message>
    <message>
        <source>Copy data-lake query (&amp;Athena)</source>
        <translation>データレイク用クエリをコピー (Athena)(&amp;A)</translation>
    </message>
    <message>
        <source>Known &amp;lists…</source>
        <translation>既知リスト(&amp;L)…</translation>
    </message>
    <message>
        <source>Looking up the destinations&apos; owners…</source>
        <translation>宛先の所有者を調べています…</translation>
    </message>
    <message>
        <source>Cannot look up the destinations&apos; owners: %1</source>
        <translation>宛先の所有者を調べられません: %1</translation>
    </message>
    <message>
        <source>Not found: %1. The Country, ASN and AS organisation columns show what the case stored; choose the databases in Edit → Preferences → Owners.</source>
        <translation>見つかりません: %1。国、ASN、AS 組織の列はケースに保存された内容を表示しています。データベースは 編集 → 設定 → 所有者 で選んでください。</translation>
    </message>
</context>
<context>
    <name>ea::MarkCommand</name>
    <message numerus="yes">
        <source>%n destination(s)</source>
        <translation>
            <numerusform>%n 件の宛先</numerusform>
        </translation>
    </message>
    <message>
        <source>Unmark %1</source>
        <translation>%1 のマークを削除</translation>
    </message>
    <message>
        <source>Mark %1 %2</source>
        <translation>%1 を %2 としてマーク</translation>
    </message>
</context>
<context>
    <name>ea::MarkDialog</name>
    <message>
        <source>Mark destinations</source>
        <translation>宛先をマーク</translation>
    </message>
    <message numerus="yes">
        <source>%n selected destination(s)</source>
        <translation>
            <numerusform>選択した %n 件の宛先</numerusform>
        </translation>
    </message>
    <message>
        <source>address or block, e.g. 203.0.113.0/24 or 2001:db8::/32</source>
        <translation>アドレスまたはブロック (例: 203.0.113.0/24、2001:db8::/32)</translation>
    </message>
    <message>
        <source>why: ticket, owner, vendor…</source>
        <translation>理由: チケット、担当者、ベンダー…</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>対象(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>状態(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>メモ(&amp;N):</translation>
    </message>
</context>
<context>
    <name>ea::Marks</name>
    <message>
        <source>%1 has host bits set (did you mean %2?)</source>
        <translation>%1 にホストビットが設定されている (正しくは %2?)</translation>
    </message>
    <message>
        <source>%1 is not an address or CIDR block (%2)</source>
        <translation>%1 はアドレスでも CIDR ブロックでもない (%2)</translation>
    </message>
    <message>
        <source>%1 is not a valid CIDR block (%2)</source>
        <translation>%1 は有効な CIDR ブロックではない (%2)</translation>
    </message>
    <message>
        <source>unreviewed is not a mark status; remove the mark instead</source>
        <translation>unreviewed はマークの状態として指定できない (代わりにマークを削除する)</translation>
    </message>
    <message>
        <source>the note is not valid UTF-8</source>
        <translation>メモが有効な UTF-8 ではない</translation>
    </message>
    <message>
        <source>the note contains a NUL character</source>
        <translation>メモに NUL 文字が含まれている</translation>
    </message>
    <message>
        <source>Cannot mark %1: %2</source>
        <translation>%1 をマークできません: %2</translation>
    </message>
    <message>
        <source>Cannot remove the mark on %1: %2</source>
        <translation>%1 のマークを削除できません: %2</translation>
    </message>
    <message>
        <source>Cannot read the marks: %1</source>
        <translation>マークを読み取れません: %1</translation>
    </message>
</context>
<context>
    <name>ea::MessageBar</name>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>ea::MmdbFile</name>
    <message>
        <source>%1: no such database file</source>
        <translation>%1: データベースファイルがありません</translation>
    </message>
    <message>
        <source>%1: not a MaxMind database (%2)</source>
        <translation>%1: MaxMind データベースではありません（%2）</translation>
    </message>
    <message>
        <source>%1: the database is damaged (%2)</source>
        <translation>%1: データベースが壊れています（%2）</translation>
    </message>
    <message>
        <source>%1: cannot read the database</source>
        <translation>%1: データベースを読み込めません</translation>
    </message>
</context>
<context>
    <name>ea::NdjsonReader</name>
    <message>
        <source>%1 Suricata netflow reply records skipped: each repeats a flow already read, with the addresses swapped</source>
        <translation>Suricata netflow の応答レコード %1 件をスキップしました: いずれも読み取り済みのフローを、アドレスを入れ替えて繰り返したものです</translation>
    </message>
    <message>
        <source>Sysmon UtcTime differs from the event log&apos;s TimeCreated by more than an hour on %1 events (up to %2 h); times were taken from TimeCreated (--map time=UtcTime takes Sysmon&apos;s)</source>
        <translation>%1 件のイベントで Sysmon の UtcTime がイベントログの TimeCreated と 1 時間以上 (最大 %2 時間) 異なります。時刻は TimeCreated から取得しました (--map time=UtcTime を指定すると Sysmon の時刻を使用します)</translation>
    </message>
    <message>
        <source>%1 events have times before 1971: the file&apos;s times look relative (seconds since the capture started), not epoch</source>
        <translation>%1 件のイベントの時刻が 1971 年より前です: このファイルの時刻はエポック時刻ではなく相対時刻 (キャプチャ開始からの秒数) のようです</translation>
    </message>
</context>
<context>
    <name>ea::Owners</name>
    <message>
        <source>Cannot store the destinations&apos; owners: %1</source>
        <translation>宛先の所有者を保存できません: %1</translation>
    </message>
    <message>
        <source>This case is of an older format, opened read-only: it cannot keep the destinations&apos; owners</source>
        <translation>このケースは古い形式で、読み取り専用で開かれています: 宛先の所有者を保持できません</translation>
    </message>
</context>
<context>
    <name>ea::PreferencesDialog</name>
    <message>
        <source>&amp;UTC</source>
        <translation>UTC(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;All destinations</source>
        <translation>すべての宛先(&amp;A)</translation>
    </message>
    <message>
        <source>Hide &amp;known-safe and internal</source>
        <translation>既知の安全と内部を非表示(&amp;K)</translation>
    </message>
    <message>
        <source>Outbound onl&amp;y</source>
        <translation>送信のみ(&amp;Y)</translation>
    </message>
    <message>
        <source>Only processes with e&amp;xternal destinations</source>
        <translation>外部の宛先があるプロセスのみ(&amp;X)</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>システムの設定に従う</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Show times in</source>
        <translation>時刻の表示</translation>
    </message>
    <message>
        <source>The case stores UTC, and exports always write UTC (ISO 8601 with Z). Times of a log that names no zone are shown as written.</source>
        <translation>ケースには UTC で保存され、エクスポートは常に UTC (Z 付きの ISO 8601) で書き出します。タイムゾーンが記録されていないログの時刻は、記録されたとおりに表示します。</translation>
    </message>
    <message>
        <source>When a case opens</source>
        <translation>ケースを開いたときの表示</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>グラフ</translation>
    </message>
    <message>
        <source>&amp;Destinations in the top charts:</source>
        <translation>上位グラフの宛先数(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>レイアウトをリセット(&amp;R)</translation>
    </message>
    <message>
        <source>Put the window, its panes, columns and charts back as they were first shown (now)</source>
        <translation>ウィンドウ、ペイン、列、グラフを最初の表示状態に戻します (すぐに適用)</translation>
    </message>
    <message>
        <source>A new language applies when Egress Auditor starts again.</source>
        <translation>新しい言語は Egress Auditor の次回起動時に適用されます。</translation>
    </message>
    <message>
        <source>La&amp;nguage:</source>
        <translation>言語(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Local time of this computer (UTC%1)</source>
        <translation>このコンピューターのローカル時刻 (UTC%1)(&amp;L)</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>MaxMind-format databases (.mmdb: GeoLite2 Country, City or ASN, DB-IP lite, IPinfo lite) that give each destination its country, AS number and AS organisation. The first one that knows a field gives it. The case keeps the answers: a colleague without the databases sees them too.</source>
        <translation>各宛先の国、AS 番号、AS 組織を与える MaxMind 形式のデータベース（.mmdb: GeoLite2 Country、City、ASN、DB-IP lite、IPinfo lite）。項目を知っている最初のデータベースの値を使います。ケースは結果を保持するので、データベースを持たない同僚にも表示されます。</translation>
    </message>
    <message>
        <source>A&amp;dd…</source>
        <translation>追加(&amp;D)…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>削除(&amp;M)</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上へ移動(&amp;U)</translation>
    </message>
    <message>
        <source>Add MaxMind-format databases</source>
        <translation>MaxMind 形式のデータベースを追加</translation>
    </message>
    <message>
        <source>MaxMind databases (*.mmdb);;All files (*)</source>
        <translation>MaxMind データベース (*.mmdb);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Not found: the look-up skips it</source>
        <translation>見つかりません: 検索では使われません</translation>
    </message>
</context>
<context>
    <name>ea::ProcessesPage</name>
    <message>
        <source>Process</source>
        <translation>プロセス</translation>
    </message>
    <message>
        <source>(no process named)</source>
        <translation>(プロセス情報なし)</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>External destinations</source>
        <translation>外部宛先数</translation>
    </message>
    <message>
        <source>Destinations</source>
        <translation>宛先数</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>接続数</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>初回</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最終</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>送信バイト</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>受信バイト</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>カテゴリ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Only processes with e&amp;xternal destinations</source>
        <translation>外部宛先のあるプロセスのみ(&amp;X)</translation>
    </message>
    <message>
        <source>Filter processes: path, name, key, pid, host</source>
        <translation>プロセスを絞り込み: パス、名前、キー、PID、ホスト</translation>
    </message>
    <message>
        <source>Double-click or Enter: show this destination</source>
        <translation>ダブルクリックまたは Enter: この宛先を表示</translation>
    </message>
    <message>
        <source>%L1 of %L2 processes and sources</source>
        <translation>%L2 件中 %L1 件のプロセスと送信元</translation>
    </message>
    <message>
        <source>%L1 of %L2 processes</source>
        <translation>%L2 件中 %L1 件のプロセス</translation>
    </message>
    <message>
        <source>%1, no process named</source>
        <translation>%1、プロセス情報なし</translation>
    </message>
    <message>
        <source>Destinations &amp;contacted by %1:</source>
        <translation>%1 が接続した宛先(&amp;C):</translation>
    </message>
    <message>
        <source>Destinations &amp;contacted by the process: no process selected</source>
        <translation>プロセスが接続した宛先(&amp;C): プロセスが選択されていません</translation>
    </message>
</context>
<context>
    <name>ea::Reader</name>
    <message numerus="yes">
        <source>No destination address column found. The file has %n column(s): %1. Name the right one with --map dst=COLUMN (likewise port=, process=, host=, time=, src=).</source>
        <translation>
            <numerusform>宛先アドレスの列が見つかりません。このファイルには %n 個の列があります: %1。--map dst=COLUMN で正しい列を指定してください (port=, process=, host=, time=, src= も同様)。</numerusform>
        </translation>
    </message>
    <message>
        <source>The header row cannot be read: %1.</source>
        <translation>ヘッダー行を読み取れません: %1。</translation>
    </message>
    <message>
        <source>The file is empty: a header row is needed.</source>
        <translation>ファイルが空です。ヘッダー行が必要です。</translation>
    </message>
    <message>
        <source>The header row is not UTF-8 text; this is not a CSV export.</source>
        <translation>ヘッダー行が UTF-8 のテキストではありません。CSV のエクスポートではありません。</translation>
    </message>
    <message>
        <source>--map %1=%2: no record has the key %2</source>
        <translation>--map %1=%2: キー %2 を持つレコードがない</translation>
    </message>
    <message>
        <source>not NDJSON: no line is a JSON object</source>
        <translation>NDJSON ではない: JSON オブジェクトの行が 1 行もない</translation>
    </message>
    <message>
        <source>no connection events: no line is a Zeek conn, Suricata EVE, Sysmon or WFP, osquery or ECS record; name the destination key with --map dst=KEY (the header lists the first record&apos;s keys)</source>
        <translation>接続イベントがない: Zeek conn、Suricata EVE、Sysmon または WFP、osquery、ECS のレコードである行が 1 行もない。宛先のキーを --map dst=KEY で指定すること (ヘッダーに最初のレコードのキーを列挙)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセルされた</translation>
    </message>
    <message>
        <source>read error: %1</source>
        <translation>読み取りエラー: %1</translation>
    </message>
    <message>
        <source>--map names column(s) the file does not have: %1. The file has: %2.</source>
        <translation>--map にファイルにない列が指定されています: %1。ファイルの列: %2。</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>インポートはキャンセルされました。</translation>
    </message>
    <message>
        <source>Read error after %1 bytes: %2</source>
        <translation>%1 バイト目以降で読み取りエラー: %2</translation>
    </message>
    <message>
        <source>The log&apos;s times are local to the machine that wrote it and name no time zone; they were read as UTC.</source>
        <translation>このログの時刻は書き出したマシンのローカル時刻で、タイムゾーンが記録されていません。UTC として読み込みました。</translation>
    </message>
    <message>
        <source>No W3C #Fields: header line found.</source>
        <translation>W3C の #Fields: ヘッダー行が見つかりません。</translation>
    </message>
    <message>
        <source>Line %1: unsupported Zeek #separator &quot;%2&quot;; only a single character is supported.</source>
        <translation>行 %1: Zeek の #separator &quot;%2&quot; には対応していません。1 文字の区切りのみ対応しています。</translation>
    </message>
    <message>
        <source>No Zeek #fields header line found.</source>
        <translation>Zeek の #fields ヘッダー行が見つかりません。</translation>
    </message>
</context>
<context>
    <name>ea::RecentFiles</name>
    <message>
        <source>Import %1</source>
        <translation>%1 をインポート</translation>
    </message>
</context>
<context>
    <name>ea::RejectedPage</name>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Raw text</source>
        <translation>元のテキスト</translation>
    </message>
    <message>
        <source>The first %L1 of %L2 rejected rows (the CLI&apos;s rejected command lists all)</source>
        <translation>拒否された行 %L2 件中の先頭 %L1 件 (CLI の rejected コマンドではすべて表示されます)</translation>
    </message>
    <message>
        <source>Rejected rows: %L1</source>
        <translation>拒否された行: %L1</translation>
    </message>
    <message>
        <source>Re&amp;jected rows</source>
        <translation>拒否された行(&amp;J)</translation>
    </message>
    <message>
        <source>Re&amp;jected rows (first %L1 of %L2)</source>
        <translation>拒否された行 (%L2 件中先頭 %L1 件)(&amp;J)</translation>
    </message>
    <message>
        <source>Re&amp;jected rows (%L1)</source>
        <translation>拒否された行 (%L1)(&amp;J)</translation>
    </message>
</context>
<context>
    <name>ea::ReviewActions</name>
    <message>
        <source>%1 is still %2 by the mark on %3</source>
        <translation>%1 は %3 のマークにより、引き続き %2 としてマークされています</translation>
    </message>
    <message>
        <source>Mark &amp;unreviewed (remove mark)</source>
        <translation>未レビューに戻す (マークを削除)(&amp;U)</translation>
    </message>
    <message>
        <source>Mark %1</source>
        <translation>%1 としてマーク</translation>
    </message>
    <message>
        <source>Saving marks…</source>
        <translation>マークを保存中…</translation>
    </message>
    <message numerus="yes">
        <source>%n mark(s) saved</source>
        <translation>
            <numerusform>%n 件のマークを保存しました</numerusform>
        </translation>
    </message>
    <message>
        <source>Select destinations to mark</source>
        <translation>マークする宛先を選択してください</translation>
    </message>
    <message>
        <source>Import allowlist %1</source>
        <translation>許可リスト %1 のインポート</translation>
    </message>
    <message>
        <source>Allowlist %1: %2 added, %3 updated, %4 unchanged</source>
        <translation>許可リスト %1: 追加 %2 件、更新 %3 件、変更なし %4 件</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>行 %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n mark(s) exported to %1</source>
        <translation>
            <numerusform>%n 件のマークを %1 にエクスポートしました</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing the known list %1…</source>
        <translation>既知のリスト %1 をインポートしています…</translation>
    </message>
    <message>
        <source>%1: no usable address or block</source>
        <translation>%1: 使えるアドレスもブロックもありません</translation>
    </message>
    <message>
        <source>Known list %1 from %2: %3 blocks, %4 listed twice, %5 rejected</source>
        <translation>既知のリスト %1 (%2): ブロック %3 件、重複 %4 件、拒否 %5 件</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… ほか %1 件</translation>
    </message>
    <message>
        <source>Mark list %1 %2</source>
        <translation>リスト %1 を %2 にマーク</translation>
    </message>
    <message>
        <source>List %1: %2 destinations, %3 marked %4, %5 updated, %6 unchanged, %7 kept a mark not made by this list</source>
        <translation>リスト %1: 宛先 %2 件、%3 件を %4 にマーク、%5 件を更新、%6 件は変更なし、%7 件はこのリスト以外のマークを維持</translation>
    </message>
    <message numerus="yes">
        <source>Data-lake query for Amazon Athena copied, with %n mark(s)</source>
        <translation>
            <numerusform>Amazon Athena 用データレイククエリをコピーしました（マーク %n 件）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Data-lake query for Trino copied, with %n mark(s)</source>
        <translation>
            <numerusform>Trino 用データレイククエリをコピーしました（マーク %n 件）</numerusform>
        </translation>
    </message>
    <message>
        <source>Known list %1 removed</source>
        <translation>既知リスト %1 を削除しました</translation>
    </message>
</context>
<context>
    <name>ea::SourcesPage</name>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>注記</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>読み取り</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>取り込み</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>Without time</source>
        <translation>時刻なし</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>インポート日時</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Every file imported into this case, with what the import noted</source>
        <translation>このケースにインポートされたすべてのファイルと、インポート時の注記</translation>
    </message>
    <message>
        <source>Files imported: %L1; notes: %L2</source>
        <translation>インポートしたファイル: %L1、注記: %L2</translation>
    </message>
    <message>
        <source>S&amp;ources</source>
        <translation>ソース(&amp;O)</translation>
    </message>
    <message>
        <source>S&amp;ources (1 note)</source>
        <translation>ソース (注記 1 件)(&amp;O)</translation>
    </message>
    <message>
        <source>S&amp;ources (%L1 notes)</source>
        <translation>ソース (注記 %L1 件)(&amp;O)</translation>
    </message>
</context>
<context>
    <name>ea::StartPage</name>
    <message>
        <source>Try the &amp;sample</source>
        <translation>サンプルを試す(&amp;S)</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Egress Auditor&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Egress Auditor&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Find what your servers talked to on the public internet. Import connection exports (Sophos Linux Sensor, osquery, Zeek, Suricata, Sysmon, firewall logs) into a case, review the external destinations, mark them and export the list.</source>
        <translation>サーバーがパブリックなインターネット上のどこと通信したかを調べます。接続のエクスポート (Sophos Linux Sensor、osquery、Zeek、Suricata、Sysmon、ファイアウォールのログ) をケースにインポートし、外部の宛先をレビューしてマークし、一覧をエクスポートします。</translation>
    </message>
    <message>
        <source>&amp;Import exports… (Ctrl+I)</source>
        <translation>エクスポートファイルをインポート(&amp;I)… (Ctrl+I)</translation>
    </message>
    <message>
        <source>&amp;Open case… (Ctrl+O)</source>
        <translation>ケースを開く(&amp;O)… (Ctrl+O)</translation>
    </message>
    <message>
        <source>Import the bundled synthetic export (400 connections of 4 sensors) into a new case</source>
        <translation>同梱の合成エクスポート (4 台のセンサーによる 400 件の接続) を新しいケースにインポート</translation>
    </message>
    <message>
        <source>&amp;Recent cases:</source>
        <translation>最近使ったケース(&amp;R):</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>ea::StatusPresentation</name>
    <message>
        <source>Global</source>
        <translation>グローバル</translation>
    </message>
    <message>
        <source>Teredo</source>
        <translation>Teredo</translation>
    </message>
    <message>
        <source>6to4</source>
        <translation>6to4</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>プライベート</translation>
    </message>
    <message>
        <source>Shared (CGN)</source>
        <translation>共有 (CGN)</translation>
    </message>
    <message>
        <source>Loopback</source>
        <translation>ループバック</translation>
    </message>
    <message>
        <source>Link-local</source>
        <translation>リンクローカル</translation>
    </message>
    <message>
        <source>Unique local</source>
        <translation>ユニークローカル</translation>
    </message>
    <message>
        <source>Multicast</source>
        <translation>マルチキャスト</translation>
    </message>
    <message>
        <source>Broadcast</source>
        <translation>ブロードキャスト</translation>
    </message>
    <message>
        <source>Unspecified</source>
        <translation>未指定</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>ドキュメント用</translation>
    </message>
    <message>
        <source>Benchmarking</source>
        <translation>ベンチマーク用</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>予約済み</translation>
    </message>
    <message>
        <source>+%1d %2 (relative)</source>
        <translation>+%1 日 %2 (相対)</translation>
    </message>
    <message>
        <source>+%1 (relative)</source>
        <translation>+%1 (相対)</translation>
    </message>
    <message>
        <source>%1 (zone unknown)</source>
        <translation>%1 (タイムゾーン不明)</translation>
    </message>
    <message>
        <source>Also recorded as %1</source>
        <translation>%1 としても記録されています</translation>
    </message>
    <message>
        <source>Unreviewed</source>
        <translation>未レビュー</translation>
    </message>
    <message>
        <source>Known safe</source>
        <translation>既知の安全</translation>
    </message>
    <message>
        <source>Suspicious</source>
        <translation>不審</translation>
    </message>
    <message>
        <source>Malicious</source>
        <translation>悪意あり</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>内部</translation>
    </message>
</context>
<context>
    <name>ea::UserGuide</name>
    <message>
        <source>Egress Auditor user guide</source>
        <translation>Egress Auditor ユーザーガイド</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>egress-auditor: screenshot timed out
</source>
        <translation>egress-auditor: スクリーンショットがタイムアウトしました
</translation>
    </message>
    <message>
        <source>egress-auditor: cannot write %1: unknown image format
</source>
        <translation>egress-auditor: %1 を書き込めません: 不明な画像形式です
</translation>
    </message>
    <message>
        <source>egress-auditor: %1
</source>
        <translation>egress-auditor: %1
</translation>
    </message>
    <message>
        <source>Open (or create) this case file.</source>
        <translation>このケースファイルを開きます (なければ作成します)。</translation>
    </message>
    <message>
        <source>Open the files (or, with no files and no --case, the bundled sample), wait for the import and the first paint, save the window as a PNG and exit.</source>
        <translation>ファイル (ファイルも --case もない場合は同梱のサンプル) を開き、インポートと最初の描画を待って、ウィンドウを PNG として保存し、終了します。</translation>
    </message>
    <message>
        <source>Review the external destinations in connection exports.</source>
        <translation>接続ログのエクスポートに記録された外部の宛先をレビューします。</translation>
    </message>
    <message>
        <source>Export files to import, or a case to open.</source>
        <translation>インポートするエクスポートファイル、または開くケース。</translation>
    </message>
    <message>
        <source>egress-auditor: %1 is open in another window; it was brought to the front.
</source>
        <translation>egress-auditor: %1 は別のウィンドウで開かれています。そのウィンドウを前面に表示しました。
</translation>
    </message>
</context>
</TS>
