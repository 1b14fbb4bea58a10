<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApprovalPanel</name>
    <message>
        <location filename="../../ui/reports/approval.py" line="+131"/>
        <source>Choose a period first.</source>
        <translation>请先选择期间。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the disclosure text first: the board approves a saved version.</source>
        <translation>请先保存披露说明：董事会审议的是已保存的版本。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The text has unsaved changes: save them first, or discard them. The approval is recorded for the saved version.</source>
        <translation>披露说明有未保存的修改：请先保存或放弃修改。审议情况针对已保存的版本记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set your user name first (Settings › User Name…): an approval on record names who recorded it.</source>
        <translation>请先设置用户名（设置 › 用户名…）：记录的审议情况须注明记录人。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the approving body and the meeting or resolution.</source>
        <translation>请填写审议机构和会议（或决议）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Approved: version {n} of the text, by {body} ({meeting}, {date}); recorded {at} by {user}.</source>
        <translation>已审议通过：文本第 {n} 版，{body}（{meeting}，{date}）；{at} 由 {user} 记录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The disclosure is still a draft: it rests on data as of {as_of}, not the year&apos;s end ({end}).</source>
        <translation>披露仍为草稿：所依据的数据截至 {as_of}，不是年末（{end}）数据。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The disclosure is final if its figures and records are still those the board saw; the generated report says final or draft, and why.</source>
        <translation>若数据与记录仍与审议时相同，披露即为正式稿；生成的报告会注明正式稿或草稿及原因。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The text changed after {body} approved version {n} ({meeting}, {date}): the disclosure is a draft until the current version is approved.</source>
        <translation>{body}审议通过第 {n} 版（{meeting}，{date}）后，披露说明已被修改：现行版本经审议并记录前，本披露报告为草稿。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not approved: no text is saved yet. The disclosure is a draft.</source>
        <translation>未审议：尚未保存披露说明。本披露报告为草稿。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not approved: the disclosure is a draft until the board&apos;s approval of version {n} is recorded.</source>
        <translation>未审议：记录董事会对第 {n} 版的审议通过情况前，本披露报告为草稿。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Board approval</source>
        <translation>董事会审议</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record the approval of the latest saved version of the text (Art. 26: the board&apos;s approval is recorded before the disclosure is final):</source>
        <translation>记录董事会对最新保存版本披露说明的审议通过情况（第二十六条：披露文本经董事会审议并记录后，方可定稿）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approving body</source>
        <translation>审议机构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meeting / resolution</source>
        <translation>会议 / 决议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved on</source>
        <translation>审议日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 第三届董事会第八次会议</source>
        <translation>例如：第三届董事会第八次会议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record board approval</source>
        <translation>记录董事会审议</translation>
    </message>
</context>
<context>
    <name>OfficerTexts</name>
    <message>
        <location filename="../../ui/reports/officer_texts.py" line="+56"/>
        <source>Officer&apos;s texts</source>
        <translation>风险管理部撰写的文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This report prints no officer&apos;s texts: everything in it comes from the records on file.</source>
        <translation>本报告不含需人工撰写的文字：全部内容取自已记录的数据。</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Set your user name first (Settings › User Name…): an approval on record names who recorded it.</source>
        <translation>请先设置用户名（设置 › 用户名…）：记录的审议情况须注明记录人。</translation>
    </message>
</context>
<context>
    <name>PastReports</name>
    <message>
        <location filename="../../ui/reports/models.py" line="+15"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data as of</source>
        <translation>数据截至</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generated at</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>生成人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256</source>
        <translation>SHA-256 摘要</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The file is on disk.</source>
        <translation>文件在磁盘上。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is no longer there: regenerate it.</source>
        <translation>文件已不在原处：请重新生成。</translation>
    </message>
</context>
<context>
    <name>PastReportsPanel</name>
    <message>
        <location filename="../../ui/reports/past.py" line="+71"/>
        <source>Past reports</source>
        <translation>已生成的报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regenerate…</source>
        <translation>重新生成…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make the selected report again from the records it read, and compare the bytes with the recorded SHA-256.</source>
        <translation>按所选报告当时读取的记录重新生成，并与记录的 SHA-256 摘要逐字节比对。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the selected report</source>
        <translation>打开所选报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
</context>
<context>
    <name>ReportKinds</name>
    <message>
        <location filename="../../ui/reports/kinds.py" line="+69"/>
        <source>Printed in the governance section after the standing text: meetings held, decisions, changes in responsibilities.</source>
        <translation>打印在“治理与职责”一节的固定文字之后：召开的会议、作出的决议、职责调整等。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Printed as the last section, “其他需要说明的事项”. The board approves this text: the disclosure is final only once the board&apos;s approval of the saved version is recorded (tab “Board approval”), and a draft marked 草稿 again if the text is changed afterwards.</source>
        <translation>作为最后一节“其他需要说明的事项”印出。本文本须经董事会审议：在“董事会审议”页记录董事会对已保存版本的审议通过情况后，披露报告方为正式稿；此后如修改文本，报告重新标为草稿。</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>The latest data of {period} is as of {as_of}, before the period&apos;s end ({end}).</source>
        <translation>{period} 内最新的数据截至 {as_of}，早于期末（{end}）。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose or type a period.</source>
        <translation>请选择或输入期间。</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>“{text}” is out of range.</source>
        <translation>“{text}”超出有效范围。</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>“{text}” is not a period: use 2025H1, 2025Q2 or 2025.</source>
        <translation>“{text}”不是有效的期间：请使用 2025H1、2025Q2 或 2025 等形式。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The database is not open.</source>
        <translation>数据库尚未打开。</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>The rating report is made for a year (e.g. 2025).</source>
        <translation>监管评级自评估报告按年度编制（例如 2025）。</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Printed as the last section of the report (while empty, a reminder to write it). Separate paragraphs with an empty line.</source>
        <translation>作为报告的最后一节打印（未撰写时打印“待填写”提示）。段落之间空一行。</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>No rating self-assessment is stored for {period}: save one on the Rating screen first.</source>
        <translation>尚未保存 {period} 年度的监管评级自评估：请先在“监管评级”界面保存。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No snapshot has an as-of date in {period} ({start} to {end}): import that period&apos;s data first.</source>
        <translation>没有数据截至日在 {period}（{start} 至 {end}）内的数据快照：请先导入该期间的数据。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a half-year</source>
        <translation>半年度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This report is normally made for {expected}.</source>
        <translation>本报告通常按{expected}编制。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Snapshot {id} has no stored limit evaluation: open it on the Concentration screen and evaluate it first.</source>
        <translation>数据快照 {id} 没有已保存的限额计量结果：请先在“集中度”界面打开并计量。</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>its folder does not exist</source>
        <translation>所在文件夹不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is a folder</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is not writable</source>
        <translation>没有写入权限</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Cannot write {path}: {reason}.</source>
        <translation>无法写入 {path}：{reason}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report {id} is not on record.</source>
        <translation>没有编号为 {id} 的报告记录。</translation>
    </message>
</context>
<context>
    <name>ReportTexts</name>
    <message>
        <location filename="../../ui/reports/texts.py" line="+41"/>
        <source>Edit “{label}”</source>
        <translation>编辑“{label}”</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <location filename="../../ui/reports/screen.py" line="+312"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>报告类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The periods with data are listed; any period such as 2025H1, 2025Q2 or 2025 may be typed.</source>
        <translation>列出有数据的期间；也可输入任意期间，如 2025H1、2025Q2 或 2025。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name the largest counterparty groups</source>
        <translation>披露前十大交易对手集团名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A public disclosure names no counterparty unless you choose to.</source>
        <translation>除非勾选此项，公开披露不列示交易对手名称。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>Self-assessment of {company} for {period} (record {id}, saved {at} by {user})</source>
        <translation>{company} {period} 年度自评估（记录编号 {id}，{user} 于 {at} 保存）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Snapshot {id}: {group}, data as of {as_of} (the latest in {period})</source>
        <translation>数据快照 {id}：{group}，数据截至 {as_of}（{period} 内最新）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+62"/>
        <source>Unsaved texts</source>
        <translation>文字未保存</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>The texts of {period} have unsaved changes.</source>
        <translation>{period} 的文字有未保存的修改。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the report as</source>
        <translation>报告保存为</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot generate: {reason}</source>
        <translation>无法生成：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the database is not open.</source>
        <translation>数据库尚未打开。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The report prints the saved texts. Save your changes as new versions first?</source>
        <translation>报告打印的是已保存的文字。是否先将修改保存为新版本？</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Replace the file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} exists. Replace it?</source>
        <translation>{path} 已存在。是否替换？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generating {name}…</source>
        <translation>正在生成 {name}…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The database was closed before the report was recorded: {path} is written but not on record.</source>
        <translation>报告尚未记录，数据库已关闭：{path} 已写出，但未存档。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source> {n} s</source>
        <translation> {n} 秒</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Generated and recorded as report {id}: {path}</source>
        <translation>已生成并记录为报告 {id}：{path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256 {sha}</source>
        <translation>SHA-256 摘要 {sha}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The report could not be made.</source>
        <translation>报告未能生成。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No preview: install pypdfium2 or poppler&apos;s pdftoppm.</source>
        <translation>无法预览：请安装 pypdfium2 或 poppler 的 pdftoppm。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name}: {n} sheets</source>
        <translation>{name}：共 {n} 个工作表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}: pages 1–{shown} of {n}</source>
        <translation>{name}：第 1–{shown} 页，共 {n} 页</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}: {n} pages</source>
        <translation>{name}：共 {n} 页</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file is no longer there: regenerate it.</source>
        <translation>文件已不在原处：请重新生成。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate a report, or select one of the past reports, to see its first pages here.</source>
        <translation>生成报告，或在下方选择已生成的报告，即可在此预览前几页。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Drawing the first pages…</source>
        <translation>正在绘制前几页…</translation>
    </message>
    <message>
        <location line="+46"/>
        <source> (regenerated)</source>
        <translation>（重新生成）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regenerate the report as</source>
        <translation>重新生成的报告保存为</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Regenerating report {id}…</source>
        <translation>正在重新生成报告 {id}…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Regenerated to {path}: identical to the recorded report (SHA-256 {sha}).</source>
        <translation>已重新生成到 {path}：与记录的报告完全一致（SHA-256 摘要 {sha}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Regenerated to {path}: the bytes differ from the recorded report (SHA-256 {sha} instead of {expected}).</source>
        <translation>已重新生成到 {path}：与记录的报告不一致（SHA-256 摘要为 {sha}，记录为 {expected}）。</translation>
    </message>
</context>
<context>
    <name>TextPanel</name>
    <message>
        <location filename="../../ui/reports/texts.py" line="+204"/>
        <source>v{n}</source>
        <translation>第 {n} 版</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} characters</source>
        <translation>{n} 字</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>● Unsaved changes</source>
        <translation>● 有未保存的修改</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved (version {n})</source>
        <translation>已保存（第 {n} 版）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved {at} by {user}</source>
        <translation>{user} 于 {at} 保存</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not written yet</source>
        <translation>尚未撰写</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not written yet.</source>
        <translation>尚未撰写。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as new version</source>
        <translation>保存为新版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved versions are kept; the report prints the latest.</source>
        <translation>已保存的版本均予保留；报告打印最新版本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Versions on record</source>
        <translation>已保存的版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load into editor</source>
        <translation>载入编辑框</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saved at</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saved by</source>
        <translation>保存人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length</source>
        <translation>字数</translation>
    </message>
</context>
</TS>
