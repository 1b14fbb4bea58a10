<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../ui/home/models.py" line="+176"/>
        <source>Duty</source>
        <translation>职责</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done by</source>
        <translation>完成依据</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+42"/>
        <source>Source</source>
        <translation>依据</translation>
    </message>
    <message>
        <location line="-37"/>
        <source> (late)</source>
        <translation>（逾期完成）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+11"/>
        <source>Recorded by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+11"/>
        <source>Recorded at</source>
        <translation>录入时间</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+12"/>
        <source>Why</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Member</source>
        <translation>成员公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declared or revoked</source>
        <translation>声明/撤销</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>declared</source>
        <translation>声明</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>revoked</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Due date</source>
        <translation>到期日设置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (changed)</source>
        <translation>（已修改）</translation>
    </message>
</context>
<context>
    <name>DueDatesDialog</name>
    <message>
        <location filename="../../ui/home/forms.py" line="+298"/>
        <source>Due dates</source>
        <translation>到期日设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The guideline fixes only some dates; the others are the group&apos;s settings. Leave a field blank for the default (shown grey). Saved on this computer.</source>
        <translation>《指引》只规定了部分日期，其余由集团自行设置。留空即采用默认值（灰色显示）。保存在本机。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>a date MM-DD, e.g. 04-30</source>
        <translation>应为“月-日”（MM-DD），例如 04-30</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a whole number</source>
        <translation>应为整数</translation>
    </message>
</context>
<context>
    <name>HomeModels</name>
    <message>
        <location filename="../../ui/home/models.py" line="-131"/>
        <source>Duty</source>
        <translation>职责</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done by</source>
        <translation>完成依据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>依据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recorded by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded at</source>
        <translation>录入时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member</source>
        <translation>成员公司</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Declared or revoked</source>
        <translation>声明/撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>declared</source>
        <translation>声明</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>revoked</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due date</source>
        <translation>到期日设置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (late)</source>
        <translation>（逾期完成）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> (changed)</source>
        <translation>（已修改）</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../ui/home/screen.py" line="+100"/>
        <source>Reading the duties…</source>
        <translation>正在读取职责…</translation>
    </message>
    <message>
        <location line="+161"/>
        <source>duties overdue</source>
        <translation>项职责已逾期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>duty overdue</source>
        <translation>项职责已逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>duties due in the next 60 days</source>
        <translation>项职责60天内到期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>duty due in the next 60 days</source>
        <translation>项职责60天内到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open breach cases</source>
        <translation>项超限事项未关闭</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>open breach case</source>
        <translation>项超限事项未关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>major event not reported to the board</source>
        <translation>项重大事件未报告董事会</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>major events not reported to the board</source>
        <translation>项重大事件未报告董事会</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No roles are declared on this database: limit approvals are only checked to be by another person (declare roles on the Roles tab).</source>
        <translation>本数据库尚未声明角色：限额审批只检查审批人不是提交人（可在“角色”页声明）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You: {user} ({roles})</source>
        <translation>当前用户：{user}（{roles}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You: {user} — no role declared for you on this database</source>
        <translation>当前用户：{user} — 本数据库未为您声明角色</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Needs attention ({n})</source>
        <translation>待办（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duty calendar ({n})</source>
        <translation>职责日历（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records ({n})</source>
        <translation>治理记录（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles ({n})</source>
        <translation>角色（{n}）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Major event not reported</source>
        <translation>重大事件未报告董事会</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open breach case</source>
        <translation>超限事项未关闭</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Item</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Period / reference</source>
        <translation>期间/编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due / date</source>
        <translation>到期日/日期</translation>
    </message>
    <message>
        <location line="+59"/>
        <location line="+31"/>
        <source>Set your user name first (Settings › User Name…): every record says who entered it.</source>
        <translation>请先设置用户名（设置 › 用户名…）：每条记录都注明录入人。</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>{kind} #{id} recorded.</source>
        <translation>已记录：{kind} 第 {id} 号。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+41"/>
        <source>Recording…</source>
        <translation>正在记录…</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>{what} #{id} is not on record.</source>
        <translation>{what} 第 {id} 号不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not recorded: {reason}</source>
        <translation>未记录：{reason}</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As of</source>
        <translation>查看日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Look at the calendar as on another day: records dated later do not count</source>
        <translation>按另一日期查看职责日历：晚于该日的记录不计入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All duties</source>
        <translation>全部职责</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue and due</source>
        <translation>已逾期和即将到期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Due dates</source>
        <translation>到期日设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change due dates…</source>
        <translation>修改到期日…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the guideline gives no date the value is a suggestion (a setting); the rating deadline is the rulebook&apos;s. &apos;Due&apos; means due within the window. Changed dates are saved on this computer.</source>
        <translation>《指引》未规定日期的，所示为建议值（可设置）；评级自评估期限取自评级规则。“即将到期”指在窗口期内到期。修改后的日期保存在本机。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declare a role…</source>
        <translation>声明角色…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles are declared on this database, not authenticated: they make each act accountable. Once any role is declared, limits are approved only by senior management (Art 8), audits are recorded by internal audit and board records by the lead department or senior management.</source>
        <translation>角色在本数据库中声明，而非身份认证：用于明确每项操作的责任。一旦声明任何角色，限额只能由高级管理层审批（第八条），内部审计记录由内部审计录入，董事会相关记录由牵头部门或高级管理层录入。</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../ui/home/forms.py" line="-226"/>
        <source>New record: {kind}</source>
        <translation>新增记录：{kind}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{kind} ({article}). Records are kept as entered: a correction is a new record. Recorded by {user}.</source>
        <translation>{kind}（{article}）。记录一经保存不再修改：更正即新增一条记录。录入人：{user}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> (optional)</source>
        <translation>（可选）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. from the minutes of the meeting; the file&apos;s location</source>
        <translation>例如：据会议纪要录入；文件存放位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why / source (optional)</source>
        <translation>说明/来源（可选）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source> (reported)</source>
        <translation>（已报告）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>choose the approved file, or paste its SHA-256</source>
        <translation>选择经批准的文件，或粘贴其 SHA-256</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>comma-separated, or leave empty</source>
        <translation>以逗号分隔，可留空</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The approved document</source>
        <translation>经批准的文件</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location line="+61"/>
        <source>Declare a role</source>
        <translation>声明角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles are declared on this database, not authenticated: they make each act accountable (who, in which role). Once any role is declared, limits are approved only by senior management. Recorded by {user}.</source>
        <translation>角色在本数据库中声明，而非身份认证：用于明确每项操作由谁、以何种角色完成。一旦声明任何角色，限额只能由高级管理层审批。录入人：{user}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>member id, for a member company officer</source>
        <translation>成员公司代码（成员公司角色填写）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>declare</source>
        <translation>声明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member</source>
        <translation>成员公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declare or revoke</source>
        <translation>声明或撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why (optional)</source>
        <translation>说明（可选）</translation>
    </message>
</context>
<context>
    <name>_DateField</name>
    <message>
        <location line="-191"/>
        <source>None</source>
        <translation>无</translation>
    </message>
</context>
</TS>
