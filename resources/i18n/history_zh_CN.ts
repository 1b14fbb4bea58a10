<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssessmentsPage</name>
    <message>
        <location filename="../../ui/history/assessments.py" line="+110"/>
        <source>Self-assessments and the regulator&apos;s ratings, by period. Select two (Ctrl+click) to compare them.</source>
        <translation>按期间列出的自评结果和监管评级。选择两条（Ctrl+单击）进行比较。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Comparison</source>
        <translation>比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select two assessments to compare them.</source>
        <translation>请选择两条评级记录进行比较。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{a} compared with {b}</source>
        <translation>{a} 与 {b} 比较</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Composite score: {a} → {b}</source>
        <translation>综合得分：{a} → {b}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Final level: {a} → {b}</source>
        <translation>最终等级：{a} → {b}</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjustment rules fired: {a} → {b}</source>
        <translation>触发的调整规则：{a} → {b}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The regulator&apos;s record holds its final level only; the dimension scores are those of the self-assessment.</source>
        <translation>监管评级记录只有最终等级；维度得分取自自评。</translation>
    </message>
</context>
<context>
    <name>HistoryLabels</name>
    <message>
        <location filename="../../ui/history/models.py" line="+33"/>
        <source>Worse</source>
        <translation>恶化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Better</source>
        <translation>改善</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New limit</source>
        <translation>新增限额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No longer set</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Self-assessment</source>
        <translation>自评</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regulator&apos;s rating</source>
        <translation>监管评级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>已否决</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/history/snapshots.py" line="+77"/>
        <location line="+33"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database created or upgraded</source>
        <translation>数据库创建或升级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Snapshot imported</source>
        <translation>导入快照</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Snapshot withdrawn</source>
        <translation>数据快照撤回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limits evaluated</source>
        <translation>限额评估</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rating assessment saved</source>
        <translation>保存评级结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breach case opened</source>
        <translation>登记超限案例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breach case flagged again</source>
        <translation>超限案例再次触发</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breach case updated</source>
        <translation>更新超限案例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breach case closed</source>
        <translation>关闭超限案例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit set created</source>
        <translation>创建限额体系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit change proposed</source>
        <translation>提出限额调整</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit change decided</source>
        <translation>审批限额调整</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit change withdrawn by its proposer</source>
        <translation>限额调整提案由提交人撤回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit-set version approved</source>
        <translation>限额版本生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report generated</source>
        <translation>生成报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officer&apos;s text saved</source>
        <translation>保存说明文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Board approval recorded</source>
        <translation>登记董事会审议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role granted</source>
        <translation>授予角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role revoked</source>
        <translation>撤销角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name changed</source>
        <translation>更改用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk appetite recorded</source>
        <translation>登记风险偏好</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Policy recorded</source>
        <translation>登记制度文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Board notification recorded</source>
        <translation>登记向董事会报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Board opinion recorded</source>
        <translation>登记董事会意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submission to the regulator recorded</source>
        <translation>登记向监管报送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal audit recorded</source>
        <translation>登记内部审计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member filing recorded</source>
        <translation>登记成员公司报备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Major event recorded</source>
        <translation>登记重大事项</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>as of</source>
        <translation>数据日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from</source>
        <translation>原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to</source>
        <translation>新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>status</source>
        <translation>限额状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approved by</source>
        <translation>审议机构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approval date</source>
        <translation>审议日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>text SHA-256</source>
        <translation>文本 SHA-256</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>proposal</source>
        <translation>提案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>effective</source>
        <translation>生效日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>group</source>
        <translation>集团</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stress test run</source>
        <translation>压力测试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/history/records.py" line="+128"/>
        <source>Snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rating assessment</source>
        <translation>评级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breach case</source>
        <translation>超限案例</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/history/records.py" line="-77"/>
        <location line="+13"/>
        <source>Limit set</source>
        <translation>限额体系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit proposal</source>
        <translation>限额调整提案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit decision</source>
        <translation>限额审批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit-set version</source>
        <translation>限额版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officer&apos;s text</source>
        <translation>说明文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Board approval</source>
        <translation>董事会审议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk appetite</source>
        <translation>风险偏好</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Policy</source>
        <translation>制度文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Board notification</source>
        <translation>向董事会报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Board opinion</source>
        <translation>董事会意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submission to the regulator</source>
        <translation>监管报送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal audit</source>
        <translation>内部审计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member filing</source>
        <translation>成员公司报备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Major event</source>
        <translation>重大事项</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/history/snapshots.py" line="-28"/>
        <source>Group</source>
        <translation>集团</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Version {n}</source>
        <translation>版本 {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Own data</source>
        <translation>数据自带限额</translation>
    </message>
    <message>
        <location line="+184"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/history/widgets.py" line="+53"/>
        <source>{value} pp</source>
        <translation>{value} 个百分点</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Keys in warning or breach: {then} → {now}</source>
        <translation>处于预警或超限的对象：{then} → {now}</translation>
    </message>
    <message>
        <location filename="../../ui/history/snapshots.py" line="-6"/>
        <source>As of</source>
        <translation>数据日期</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <location filename="../../ui/history/assessments.py" line="-127"/>
        <location filename="../../ui/history/records.py" line="+65"/>
        <location line="+17"/>
        <location filename="../../ui/history/snapshots.py" line="+2"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/history/snapshots.py" line="+1"/>
        <source>Members</source>
        <translation>成员公司</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counterparties</source>
        <translation>交易对手</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exposures</source>
        <translation>风险暴露</translation>
    </message>
    <message>
        <location filename="../../ui/history/records.py" line="-91"/>
        <location filename="../../ui/history/snapshots.py" line="+2"/>
        <source>Limits</source>
        <translation>限额</translation>
    </message>
    <message>
        <location filename="../../ui/history/snapshots.py" line="+2"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Warning</source>
        <translation>预警</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Breach</source>
        <translation>超限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Limits used</source>
        <translation>所用限额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} limit evaluations on record; the latest is shown and compared</source>
        <translation>存档的限额评估共 {n} 次；显示并比较最近一次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stress tests</source>
        <translation>压力测试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{user}, {time}: {reason}</source>
        <translation>{user}，{time}：{reason}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/history/assessments.py" line="+12"/>
        <location filename="../../ui/history/snapshots.py" line="+1"/>
        <location line="+22"/>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <location filename="../../ui/history/snapshots.py" line="-21"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Worst key</source>
        <translation>最高对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ratio {then}</source>
        <translation>比例 {then}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ratio {now}</source>
        <translation>比例 {now}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>变动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status {then}</source>
        <translation>状态 {then}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status {now}</source>
        <translation>状态 {now}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status change</source>
        <translation>状态变化</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>HHI</source>
        <translation>HHI</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top 1</source>
        <translation>前1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top 5</source>
        <translation>前5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top 10</source>
        <translation>前10</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{index} {when}</source>
        <translation>{index} {when}</translation>
    </message>
    <message>
        <location filename="../../ui/history/assessments.py" line="-28"/>
        <location filename="../../ui/history/records.py" line="+72"/>
        <location line="+17"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/history/records.py" line="-18"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rulebook</source>
        <translation>评级办法</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Composite score</source>
        <translation>综合得分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Base level</source>
        <translation>基础等级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Final level</source>
        <translation>最终等级</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recorded at</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Score {a}</source>
        <translation>得分 {a}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Score {b}</source>
        <translation>得分 {b}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Risk level {a}</source>
        <translation>风险水平 {a}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Risk level {b}</source>
        <translation>风险水平 {b}</translation>
    </message>
    <message>
        <location filename="../../ui/history/records.py" line="-74"/>
        <location line="+93"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="-92"/>
        <location line="+15"/>
        <source>Effective from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved at</source>
        <translation>审批时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+4"/>
        <source>Proposal</source>
        <translation>提案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Proposed by</source>
        <translation>提案人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposed at</source>
        <translation>提案时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/history/widgets.py" line="+19"/>
        <source>Withdrawn by {user} on {time}: {reason}</source>
        <translation>{user} 于 {time} 撤回：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/history/records.py" line="+3"/>
        <source>Decided or withdrawn by</source>
        <translation>审批人/撤回人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Generated at</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../../ui/history/models.py" line="-337"/>
        <location filename="../../ui/history/records.py" line="+6"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../ui/history/records.py" line="+2"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{n} of {m}</source>
        <translation>第 {n} 版 / 共 {m} 版</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved at</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Beginning</source>
        <translation>开头</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>HistoryScreen</name>
    <message>
        <location filename="../../ui/history/screen.py" line="+49"/>
        <source>Reading the history…</source>
        <translation>正在读取历史记录…</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Snapshots ({n})</source>
        <translation>快照（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rating assessments ({n})</source>
        <translation>评级（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit sets ({n})</source>
        <translation>限额版本（{n}）</translation>
    </message>
    <message>
        <location line="-68"/>
        <location line="+35"/>
        <source>Set your user name first (Settings › User Name…): a withdrawal records who made it.</source>
        <translation>请先设置用户名（设置 › 用户名…）：撤回须记录撤回人。</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Withdraw snapshot {as_of}</source>
        <translation>撤回数据快照 {as_of}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Snapshot {as_of} (no. {id}, imported {time} by {user}) will no longer be used: the dashboards, the limits screen and the reports of its period use the latest other snapshot instead. Nothing is deleted: it stays on record and is listed here as withdrawn. Breach cases opened by its evaluation are not closed automatically: review them in the breach register.</source>
        <translation>数据快照 {as_of}（编号 {id}，{user} 于 {time} 导入）撤回后将不再使用：仪表板、限额页面及所属期间的报告改用其他最新的数据快照。不删除任何记录：该快照仍保留在记录中，并在此处标为已撤回。由其评估登记的超限案例不会自动关闭，请在超限台账中复核。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Why is it withdrawn? (recorded with the withdrawal, with your name: {user})</source>
        <translation>撤回理由（随撤回一并记录，撤回人：{user}）：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A withdrawal needs a reason: nothing was recorded.</source>
        <translation>撤回须填写理由：未记录任何内容。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Snapshot {as_of} (no. {id}) withdrawn: screens and reports no longer use it. Breach cases opened by its evaluation stay as they are: review them in the breach register.</source>
        <translation>数据快照 {as_of}（编号 {id}）已撤回：各页面和报告不再使用。由其评估登记的超限案例保持不变，请在超限台账中复核。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This snapshot has already been withdrawn.</source>
        <translation>该数据快照已撤回。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The snapshot could not be withdrawn: {reason}</source>
        <translation>无法撤回该数据快照：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recording the withdrawal…</source>
        <translation>正在记录撤回…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>On record — snapshots: {s}, rating assessments: {a}, limit-set versions: {v}, reports: {r}, text versions: {t}, journal entries: {j}; nothing is overwritten</source>
        <translation>已存档：快照 {s} 个、评级 {a} 条、限额版本 {v} 个、报告 {r} 份、文字 {t} 版、日志 {j} 条 — 任何记录均不覆盖</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reports and texts ({n})</source>
        <translation>报告与文字（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Journal ({n})</source>
        <translation>审计日志（{n}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read everything on record again</source>
        <translation>重新读取全部存档记录</translation>
    </message>
</context>
<context>
    <name>JournalPage</name>
    <message>
        <location filename="../../ui/history/records.py" line="+56"/>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only entries on or after this day (local time)</source>
        <translation>只显示该日（含）之后的条目（本地时间）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The entries shown, as a CSV file for the auditors (UTF-8, opens in Excel)</source>
        <translation>将当前显示的条目导出为 CSV 文件供审计使用（UTF-8，可用 Excel 打开）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The journal is the store&apos;s append-only audit log: every write, in the same transaction as the change, with who and when. Nothing in it can be changed.</source>
        <translation>审计日志只增不改：每一次写入都与变更在同一事务中记录操作人和时间，任何条目都不能修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search in the details…</source>
        <translation>在详情中搜索…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All records</source>
        <translation>全部记录类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All users</source>
        <translation>全部操作人</translation>
    </message>
    <message>
        <location line="+63"/>
        <location line="+11"/>
        <source>Export the journal</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The file could not be written: {reason}</source>
        <translation>文件无法写入：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} entries exported</source>
        <translation>已导出 {n} 条</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{shown} of {n} entries</source>
        <translation>显示 {shown} / 共 {n} 条</translation>
    </message>
</context>
<context>
    <name>LimitSetsPage</name>
    <message>
        <location line="-271"/>
        <source>Approved limit-set versions</source>
        <translation>已批准的限额版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposals and decisions (maker-checker)</source>
        <translation>限额调整提案及审批（双人复核）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No limit set has been versioned yet: every snapshot was evaluated with the limits of its own data (limits.csv).</source>
        <translation>尚无限额版本：每个快照均按其自身数据中的限额（limits.csv）评估。</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location line="+76"/>
        <source>Generated reports</source>
        <translation>已生成的报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officers&apos; texts, every version (a change is a new version)</source>
        <translation>说明文字的全部版本（每次修改都保存为新版本）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No report has been generated yet.</source>
        <translation>尚未生成报告。</translation>
    </message>
</context>
<context>
    <name>SnapshotsPage</name>
    <message>
        <location filename="../../ui/history/snapshots.py" line="+75"/>
        <source>Withdraw snapshot…</source>
        <translation>撤回数据快照…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select one snapshot imported by mistake to withdraw it: it stays on record here, and screens and reports no longer use it</source>
        <translation>选中一个误导入的数据快照即可撤回：它仍保留在此处的记录中，各页面和报告不再使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only limits whose status changed</source>
        <translation>只看状态变化的限额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every limit, then and now (worst key of each limit)</source>
        <translation>全部限额的前后对比（每项限额取比例最高的对象）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concentration indices by dimension (group)</source>
        <translation>各维度集中度指数（集团）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>then</source>
        <translation>前期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>now</source>
        <translation>本期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Comparison</source>
        <translation>比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select two snapshots above (Ctrl+click) to compare them.</source>
        <translation>在上方选择两个快照（Ctrl+单击）进行比较。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{then} compared with {now}</source>
        <translation>{then} 与 {now} 比较</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} limits: {worse} worse, {better} better, {same} unchanged in status</source>
        <translation>共 {n} 项限额：状态恶化 {worse} 项、改善 {better} 项、不变 {same} 项</translation>
    </message>
</context>
</TS>
