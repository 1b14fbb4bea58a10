<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../ui/common/error_dialog.py" line="+13"/>
        <source>The file {path} is not a database.</source>
        <translation>文件 {path} 不是数据库。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file {path} is a database of another application, not a RiskDesk history database.</source>
        <translation>文件 {path} 是其他应用程序的数据库，不是 RiskDesk 历史数据库。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file {path} was written by a newer version of RiskDesk. Update RiskDesk to open it.</source>
        <translation>文件 {path} 由更新版本的 RiskDesk 写入。请升级 RiskDesk 后再打开。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database {path} cannot be opened or created. Check that its folder exists and that you may write to it.</source>
        <translation>无法打开或创建数据库 {path}。请检查其所在文件夹是否存在、您是否有写入权限。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>RiskDesk: something went wrong</source>
        <translation>RiskDesk：出现错误</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The operation could not be completed.</source>
        <translation>操作未能完成。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason: {reason}

If this keeps happening, send the details below to your RiskDesk administrator.</source>
        <translation>原因：{reason}

如果问题反复出现，请将下面的详细信息发送给 RiskDesk 管理员。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+406"/>
        <source>Opening {screen}…</source>
        <translation>正在打开{screen}…</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>There are unsaved changes in: {screens}.
Discard them?</source>
        <translation>以下页面有未保存的更改：{screens}。
要放弃这些更改吗？</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>There are unsaved changes in: {screens}.
Save them before closing?</source>
        <translation>以下页面有未保存的更改：{screens}。
关闭前是否保存？</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Open Database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>RiskDesk databases (*.sqlite *.db);;All files (*)</source>
        <translation>RiskDesk 数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+7"/>
        <source>Connect to Team Database</source>
        <translation>连接团队数据库</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Address of the team database (PostgreSQL), e.g. postgresql://wangfang@dbhost/riskdesk.
The password is taken from ~/.pgpass or PGPASSWORD and never stored.</source>
        <translation>团队数据库（PostgreSQL）的地址，例如 postgresql://wangfang@dbhost/riskdesk。
密码取自 ~/.pgpass 或 PGPASSWORD，本程序从不保存密码。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{url} is not a team database address: it starts with postgresql://</source>
        <translation>{url} 不是团队数据库地址：地址应以 postgresql:// 开头</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Read-only: this history did not pass its check when it was opened, so nothing can be recorded in it. You can view it and make reports. File › Verify History… gives the full check.</source>
        <translation>只读：此历史数据库在打开时未通过校验，因此不能在其中记录任何内容。您可以查看并出报告。“文件 › 校验历史…”可进行完整校验。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Read-only (--read-only): for viewing and reports; nothing can be recorded.</source>
        <translation>只读（--read-only）：仅供查看和出报告，不能记录任何内容。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read-only: the database file cannot be written (read-only media or no permission); for viewing and reports only.</source>
        <translation>只读：数据库文件不可写入（只读介质或无写入权限）；仅供查看和出报告。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>RiskDesk: the history did not pass its check</source>
        <translation>RiskDesk：历史数据库没有通过校验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This history database is not as RiskDesk wrote it: it may have been changed by another program. It is open read-only: you can view it and make reports, but nothing can be recorded. Tell your administrator, and compare it with a backup.</source>
        <translation>此历史数据库与 RiskDesk 写入时不一致：可能被其他程序修改过。现以只读方式打开：您可以查看并出报告，但不能记录任何内容。请告知管理员，并与备份进行比对。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>… and {n} more findings.</source>
        <translation>……另有 {n} 项发现。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I understand</source>
        <translation>我已知悉</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Verifying the history…</source>
        <translation>正在校验历史…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Verify History</source>
        <translation>校验历史</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Back Up the Database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RiskDesk databases (*.sqlite *.sqlite3 *.db)</source>
        <translation>RiskDesk 数据库 (*.sqlite *.sqlite3 *.db)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>About RiskDesk</source>
        <translation>关于 RiskDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;RiskDesk {version}&lt;/h3&gt;&lt;p&gt;An offline workbench for insurers&apos; risk officers: supervisory rating self-assessment and group concentration risk.&lt;/p&gt;&lt;p&gt;Help › User Manual (F1) explains the screens, the data files, the sources of the numbers and where the database lives.&lt;/p&gt;&lt;p&gt;Font: Noto Sans SC, SIL Open Font License 1.1.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;RiskDesk {version}&lt;/h3&gt;&lt;p&gt;面向保险公司风险管理人员的离线工作台：监管评级自评与集团集中度风险管理。&lt;/p&gt;&lt;p&gt;帮助 › 使用手册（F1）说明各界面、数据文件、数值的来源以及数据库所在位置。&lt;/p&gt;&lt;p&gt;字体：Noto Sans SC，SIL 开放字体许可协议 1.1。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+8"/>
        <source>New Database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>RiskDesk databases (*.sqlite *.db)</source>
        <translation>RiskDesk 数据库 (*.sqlite *.db)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{path} already exists. Choose another name, or open it with File › Open Database…</source>
        <translation>{path} 已存在。请另选文件名，或通过 文件 › 打开数据库… 打开它。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>(no other database opened yet)</source>
        <translation>（尚未打开过其他数据库）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>opening…</source>
        <translation>正在打开…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not opened yet</source>
        <translation>尚未打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>demo data (temporary)</source>
        <translation>演示数据（临时）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>default location</source>
        <translation>默认位置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database: {path} ({state})</source>
        <translation>数据库：{path}（{state}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User: {name}</source>
        <translation>用户：{name}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Snapshot: {label}</source>
        <translation>快照：{label}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open Database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect to &amp;Team Database…</source>
        <translation>连接团队数据库(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Backup…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verify History…</source>
        <translation>校验历史(&amp;V)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User Name…</source>
        <translation>用户名(&amp;U)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Options…</source>
        <translation>选项(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About RiskDesk</source>
        <translation>关于 RiskDesk(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User &amp;Manual</source>
        <translation>使用手册(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New Database…</source>
        <translation>新建数据库(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Data &amp;Folder</source>
        <translation>打开数据文件夹(&amp;F)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Undo {action}</source>
        <translation>撤销“{action}”(&amp;U)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo {action}</source>
        <translation>重做“{action}”(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
</context>
<context>
    <name>ManualWindow</name>
    <message>
        <location filename="../../ui/common/help.py" line="+87"/>
        <source>RiskDesk User Manual</source>
        <translation>RiskDesk 使用手册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Op</name>
    <message>
        <location filename="../../ui/common/ops.py" line="+274"/>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../ui/common/pages.py" line="+54"/>
        <source>This feature will be available in a later version.</source>
        <translation>此功能将在后续版本提供。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This screen could not be opened. Please tell your RiskDesk administrator.</source>
        <translation>此页面无法打开，请告知 RiskDesk 管理员。</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <location filename="../../ui/common/problems_dialog.py" line="+71"/>
        <source>Problems in the input</source>
        <translation>输入数据中的问题</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The input was not accepted: %n error(s).</source>
        <translation>
            <numerusform>输入未被接受：共 %n 个错误。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The input was accepted with %n warning(s).</source>
        <translation>
            <numerusform>输入已接受，但有 %n 个警告。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct the file and try again.</source>
        <translation>请修改文件后重试。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Please check them.</source>
        <translation>请逐项核对。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ui/common/i18n.py" line="+20"/>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <location filename="../../ui/main_window.py" line="-780"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rating</source>
        <translation>评级自评</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concentration</source>
        <translation>集中度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Breach register</source>
        <translation>超限台账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limits</source>
        <translation>限额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../ui/session.py" line="+188"/>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings/dialog.py" line="+73"/>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your name is recorded on everything you record, with your computer login ({login}); a change of name is recorded too.</source>
        <translation>您记录的每一项内容都会记下您的姓名及计算机登录账户（{login}）；更改姓名也会被记录。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name, recorded on the proposals and decisions you make:</source>
        <translation>您的姓名（将记录在您提出的方案和作出的决定上）：</translation>
    </message>
</context>
<context>
    <name>SnapshotSelector</name>
    <message>
        <location filename="../../ui/common/snapshot_selector.py" line="+58"/>
        <source>{as_of} · {group} (#{id})</source>
        <translation>{as_of} · {group}（#{id}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Snapshot:</source>
        <translation>数据快照：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>TableTools</name>
    <message>
        <location filename="../../ui/common/tables.py" line="+493"/>
        <source>Export this table</source>
        <translation>导出此表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Table exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exporting the table…</source>
        <translation>正在导出表格…</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Copy with headers</source>
        <translation>复制（含表头）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the whole table</source>
        <translation>复制整张表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export this table to Excel…</source>
        <translation>导出此表到 Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter rows…</source>
        <translation>筛选行…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter rows (Esc clears)</source>
        <translation>筛选行（Esc 清除）</translation>
    </message>
</context>
</TS>
