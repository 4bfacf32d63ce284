"""Is it an annual 法治政府建设 report? The head of the document says what it is (rules
DOC-REPORT-TITLE, DOC-LOOKALIKE); the field's terms decide the rest. Synthetic texts in
the shapes real pages have (the corpus itself is checked in test_corpus_eval.py)."""

from __future__ import annotations

import pytest

from scorer.analysis.metadata import looks_like_report

BODY = ("全年办理行政复议案件48件，审查规范性文件12件，重大行政决策全部经过合法性审查，"
        "聘请法律顾问5名，开展行政执法监督检查3次，普法宣传活动20场。\n")
SHORT = "2022年，全县法治政府建设工作扎实推进，制定下发《青溪县法治政府建设实施方案》。\n一、主要举措\n"


@pytest.mark.parametrize("text, kind", [
    ("青溪县2024年政府工作报告\n各位代表：\n" + BODY, "政府工作报告"),
    ("青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n" + BODY, "政府信息公开工作年度报告"),
    ("本报讯（记者 张三）3月30日，青溪县召开法治政府建设推进会。\n" + BODY, "新闻报道"),
    ("关于《青溪县2023年度法治政府建设情况的报告》的政策解读\n" + BODY, "政策解读"),
    ("青溪县人民政府办公室关于印发青溪县2021年度法治政府建设工作要点的通知\n" + BODY, "印发方案或通知"),
    ("某县2025年度法治政府建设情况报告范文\n" + BODY, "范文或模板"),
    ("青溪县法治政府建设实施方案（2021-2025年）\n" + BODY, "实施方案或工作要点"),
    ("奋力谱写全面依法治区新篇章——青溪区2022年度全面依法治区工作综述\n2022年，青溪区坚持……\n" + BODY,
     "依法治理或普法总结"),
    # shapes first met in the fresh held-out part C of the corpus (test2)
    ("江州网5月20日青溪讯 5月19日上午，青溪市委依法治市办召开全体会议，总结2019年工作。\n" + BODY, "新闻报道"),
    ("青溪管理区关于履行推进法治建设第一责任人职责情况的报告\n管委会主任 张三\n2025年2月\n"
     "2024年，我坚持以习近平法治思想为指导，切实履行第一责任人职责。\n" + BODY, "个人述法报告"),
    ("2018年11月22日在青溪市人大常委会第十六次会议上\n市人民政府\n主任、各位副主任、各位委员：\n"
     "现在向市人大常委会报告我市“七五”普法规划实施以来工作开展情况，请予审议。\n" + BODY, "向人大常委会所作的专项报告"),
    ("根据2019年5月15日修订后的《中华人民共和国政府信息公开条例》相关规定，现公布青溪县人民政府2019年政府信息公开工作年度报告。\n"
     + BODY, "政府信息公开工作年度报告"),
    # shapes first met in the fresh held-out part D of the corpus (test3)
    ("法治政府建设情况年度报告\n2019年，xx市人民政府坚持以习近平法治思想为指导。\n" + BODY, "范文或模板"),
    ("市政府依法行政考核组来我区考核法治政府建设和依法行政工作\n12月25日，考核组来我区考核法治政府建设工作，副区长陪同。\n"
     + BODY, "新闻报道"),
    # shapes first met in part E of the corpus (dev3)
    ("江州水利出版社\n2022-04-14\n本站讯 近日，江州部发布2021年法治政府建设年度报告，全面总结工作进展及成效。\n" + BODY, "新闻报道"),
    ("根据《中华人民共和国政府信息公开条例》(2007年4月5日中华人民共和国国务院令第492号公布2019年4月3日中华人民共和国国务院令第711号修订)"
     "和有关通知，特向社会公布青溪县税务局2021年政府信息公开工作年度报告。\n一、总体情况\n" + BODY, "政府信息公开工作年度报告"),
    # shapes first met in the fresh held-out part F of the corpus (dev4)
    ("人民之声丨省人大常委会会议听取审议2024年法治政府建设情况的报告\n稿件来源:云岭人大客户端 发布时间:2025-04-11\n"
     "3月25日，受省人民政府委托，副省长作云岭省人民政府关于2024年法治政府建设情况的报告。\n" + BODY, "新闻报道"),
    ("2022年，**区司法局全面贯彻习近平法治思想，认真落实上级文件要求。现将本年度法治政府建设"
     "工作情况总结报告如下：\n一、2022年度推进法治政府建设的主要举措和成效\n" + BODY, "范文或模板"),
    ("2022年，我局全面贯彻习近平法治思想。现将本年度法治政府建设工作情况总结报告如下：\n公文汇 www.gongwenhui.com\n"
     "一、2022年度推进法治政府建设的主要举措和成效\n" + BODY, "范文或模板"),
    ("自治区卫生健康委顺利完成2022年度法治政府建设考核\n为贯彻落实《法治政府建设实施纲要(2021-2025年)》等文件要求，"
     "2022年12月19日下午，考核组莅临我委开展2022年度法治政府建设实地考核工作。\n" + BODY, "新闻报道"),
    ("乡镇镇长2023年述法报告\n今年以来，我认真贯彻落实上级关于法治建设的重大决策部署，现将我履行法治建设第一责任人职责情况报告如下：\n"
     + BODY, "个人述法报告"),
    ("青溪区司法局召开法治建设第一责任人专题述法会 (2024-01-15)\n近日，青溪区司法局召开法治建设第一责任人专题述法会。\n"
     + BODY, "新闻报道"),
    ("一、2024年行政执法基本情况\n截至目前，我局仅有一人持有统计执法检查证，近三年均未开展统计执法工作。\n"
     "二、开展执法规范化建设有关情况\n" + BODY, "行政执法工作报告"),
    # shapes first met in the fresh held-out part G of the corpus (test5)
    ("法治政府建设报告制度实证研究\n——以2016年度省级政府报告文本为例\n关键词:纲要报告法治\n张三\n"
     "(江州大学 法学院,江州 200042)\n" + BODY, "学术论文"),
    ("江州市中级人民法院\n(\n主任、副主任、秘书长、各位委员:\n遵照市人大常委会关于审议法院行政审判情况的安排，"
     "我院自今年4月起对2018年以来的行政审判工作进行全面回顾。\n" + BODY, "法院或检察院的报告"),
    ("2025年度镇党委主要负责人履行推进法治建设第一责任人职责情况的报告\n更新时间:2025-12\n"
     "本年度，我始终以习近平法治思想为指导，全面贯彻落实中央关于全面依法治国的部署。\n" + BODY, "个人述法报告"),
    # shapes first met in the fresh held-out part H of the corpus (test6)
    ("根据《中华人民共和国政府信息公开条例》要求，青溪县住房和城乡建设局特向社会公布2024年度本机关信息公开工作报告。\n"
     + BODY, "政府信息公开工作年度报告"),
    ("一、总体情况\n2025年，市农业农村局坚持以党的二十大精神为指引，统筹推进乡村发展、乡村建设与乡村治理，确保乡村全面振兴取得扎实成效。\n"
     "(一)主动公开方面\n" + BODY, "政府信息公开工作年度报告"),
    ("1月11日，省推进依法行政工作领导小组下发《关于2015年度全省依法行政信息报送情况的通报》，授予36个单位先进单位称号。\n"
     + BODY, "新闻报道"),
    ("青溪法治建设年度报告正式发布\n19日，由青溪市法学会撰写的《青溪法治建设年度报告(2017)》正式发布。\n" + BODY, "新闻报道"),
    ("水利综合执法进展情况调研报告\n政策法规司\n(2016年11月)\n" + BODY, "调研报告"),
    ("青溪市国家税务局近年来依法行政工作情况的报告\n本届政府以来，青溪市国家税务局深入推进依法行政。\n" + BODY, "多年期的总结"),
    # a literature database's abstract with its English version, and news of a 述法 meeting whose date comes late
    ("2021年，青溪深入推进依法行政，法治政府建设迈上新台阶。\n" + BODY
     + "In 2021, Qingxi further implemented the decision-making and deployment of the central government on the construction "
       "of a government under the rule of law and promoted it to a new level.\n", "学术论文"),
    ("为进一步推动党政主要负责人履行推进法治建设第一责任人职责，创新述法形式，2023年3月21日，2022年度青溪区述法现场会在区委会议室召开。"
     "区委常委张三主持会议，各单位参加。\n" + BODY, "新闻报道"),
    # shapes first met in the fresh held-out part I of the corpus (test7, now dev5)
    ("在法治政府建设推进会议上的讲话\n刚才，会议通报了全县法治政府建设工作情况。\n下面，我讲三点意见。\n" + BODY, "领导讲话"),
    ("2023年，青溪省法治政府建设工作取得明显成效。\n" + BODY + "结合材料，运用全面依法治国的相关知识，谈谈青溪省的做法。\n",
     "考试题目"),
    ("江州委发布2020年度法治政府建设报告\n发布时间:2021-04-06\n江州委日前发布《2020年度法治政府建设工作报告》"
     "（以下简称《报告》），《报告》指出，2020年法治工作全面深化。\n" + BODY, "新闻报道"),
    ("引言\n青溪，一个位于西南部的省份，近年来在法治政府建设方面取得了显著成就。本文将深入探讨青溪法治政府建设的历程。\n"
     + BODY, "评述文章"),
    # shapes first met in the fresh held-out part J of the corpus (test8)
    ("为全面规范法治政府建设年度报告工作，根据《法治政府建设与责任落实督察工作规定》和其他有关规定，制定本工作指引。\n"
     "一、指导思想。坚持以习近平法治思想为指导。\n二、报告名称。法治政府建设年度报告\n" + BODY, "工作指引"),
    # shapes of the three lookalikes that passed until the fourteenth round (parts I, M and O; seen in every
    # `scorer eval` printout, so read): a reporter's account further into the page, a ministry's published report
    # commented on, and a town's summary of its 法律七进 work
    ("“到2020年，科学完备的法律制度体系基本建成，法治精神、法治理念与法治思维得到深入普及。”8月8日，江州署印发"
     "《关于全面加强系统法治建设的实施意见》，明确了主要任务和行动措施，是全面推进依法行政的纲领性文件。\n"
     "《意见》共3部分28条内容，23项主要任务和具体措施涉及法律体系建设、行政审批改革、行政执法程序、行政执法监督等方方面面，"
     "记者梳理出其中15项重点工作内容，逐一解读。\n"
     + BODY, "新闻报道"),
    ("江州部党组书记、部长切实履行法治政府建设第一责任人职责；\n完成法律、行政法规起草审查项目62件；\n"
     "3月30日公布的江州部2021年法治政府建设年度报告，无疑是一份抢眼的成绩单。\n" + BODY, "新闻报道"),
    ("2021年是“八五”普法起步之年，一年来我镇全面落实区依法治区办关于推进法律七进工作要求，深入推进法律进机关、进学校。\n"
     + BODY, "依法治理或普法总结"),
    # shapes first met in part Q (test14), read after its one measure
    ("根据《中华人民共和国政府信息公开条例》等有关要求，结合市市场监督管理局政府信息公开年度工作情况和有关统计数据编制本报告。"
     "本报告中所列数据统计期限为2020年1月1日至12月31日。\n一、总体情况\n" + BODY, "政府信息公开工作年度报告"),
    ("2022年，开发区坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，深化信息公开内容。\n"
     "一、总体情况\n(一)主动公开\n2022年，开发区门户网站发布信息1330条。\n(二)依申请公开\n本年度未收到任何要求公开政府信息的申请。\n"
     + BODY, "政府信息公开工作年度报告"),
    ("2023年依法治镇工作一、认真贯彻落实县依法治县2023年工作要点1、认真贯彻落实县依法治县工作。全镇各单位要认真比照考核指标开展自查。\n"
     + BODY, "依法治理或普法总结"),
    ("2023年以来，在市委、市政府的精心指导下，市医保系统坚持以习近平新时代中国特色社会主义思想为指引，不断完善行政执法制度机制，"
     "规范行政执法行为。现将2023年度行政执法总体情况报告如下：\n一、主要举措和成效\n" + BODY, "行政执法工作报告"),
])

def test_lookalikes_are_named_for_what_they_are(text, kind):
    ok, why = looks_like_report(text)
    assert not ok and (kind in why or (kind == "多年期的总结" and "多年期的总结" in why))

def test_a_feature_that_names_no_year_is_not_an_annual_report():
    ok, why = looks_like_report("奋力建设更高水平法治青溪\n青溪市坚持以习近平法治思想为引领，成功创建全国法治政府建设示范地区，"
                                "法治考核连续7年位居全省前三。\n坚持党建统领\n压实法治责任\n" + BODY)
    assert not ok and "哪一年" in why


@pytest.mark.parametrize("text", [
    "青溪县人民政府关于2023年度法治政府建设情况的报告\n" + BODY,
    # shapes first met in the fresh held-out part I of the corpus (test7, now dev5)
    # a news site reprinting the report in full: the head says the report follows
    ("江州部发布2023年法治政府建设年度报告\n发布时间:2024-03-29 来源: 中新网\n"
     "中新网 3月29日电 据江州部微信公众号消息，江州部发布2023年法治政府建设年度报告。具体内容如下：\n"
     "一、加强党对法治政府建设的领导\n" + BODY),
    # no title; the year's account opens without a comma
    ("2022年在县委、县政府的坚强领导下，青溪自治县深入学习宣传贯彻习近平法治思想，统筹推进法治政府建设。\n"
     "一、工作开展情况及成效\n（一）强化政府职能作用\n持续推进证明事项告知承诺制，及时调整证明事项目录。\n"),
    # the title is not on the page; the opening sentence says what it is, far into the line
    ("根据《法治政府建设实施纲要（2021—2025年）》和市委、市政府相关文件要求，现将市人社局2021年法治政府建设情况报告予以公开。\n"
     "一、工作开展情况\n" + BODY),
    # an opening that tells the year's work, with the outline's implementation plan named in it
    "2021年，青溪县按照《青溪县法治政府建设实施方案》要求，扎实推进法治政府建设。\n一、主要举措和成效\n" + BODY,
    # shapes first met in the fresh held-out part C of the corpus (test2)
    # ministries report as "××年贯彻落实《法治政府建设实施纲要》的情况"
    "江州部2018年贯彻落实《法治政府建设实施纲要(2015-2020年)》的情况\n2018年，江州部坚持依法行政。\n" + SHORT,
    # a cited title long enough to run past the head of the first line
    ("根据《中共中央办公厅 国务院办公厅关于印发〈法治政府建设与责任落实督察工作规定〉的通知》(厅字〔2019〕28号)有关规定，"
     "现将县人民政府2022年法治政府建设工作情况报告如下。\n" + SHORT),
    # a motto first, the year's account in the second sentence
    "法治是安邦治国的基石。2022年，在县委的坚强领导下，全县法治政府建设工作以习近平法治思想为指引。\n" + SHORT,
    # shapes first met in the fresh held-out part J of the corpus (test8)
    # the site files the page under 政府工作报告 in its navigation trail: the trail is not the page
    ("您当前的位置：首页\n > 政府信息公开 > 法定主动公开内容 > 政府工作报告 > 高新区\n发布机构: 青溪高新技术产业开发区管理委员会\n"
     "关于2022年法治政府建设情况的报告\n根据考核工作实施方案要求，现将高新区2022年法治政府建设工作开展情况报告如下。\n"
     "一、工作开展情况\n" + BODY),
    # a saved web page whose text is one long line: its trail does not take the title with it
    ("你的位置:首页 > 政策法规 > 管委会发文 索引号 0101-02003001-2018-000001 发布机构 法制办 "
     "青溪高新技术产业开发区管理委员会2017年度法治政府建设情况报告 发布时间:2018/1/2 2017年以来,高新区紧紧围绕"
     "市委、市政府的工作思路，制定法治政府建设年度工作要点，深入推进依法行政。 " + BODY.replace("\n", " ")),
    # an annual report delivered at the people's congress standing committee
    ("青溪区人民政府关于2020年法治政府建设工作情况的报告\n——在青溪区人大常委会第三十七次会议上\n主任、各位副主任、各位委员：\n"
     "2020年，青溪区政府认真贯彻习近平法治思想。\n" + BODY),
    # an organisation's "我分局" is not a person's 述法
    "江州市公安局青溪分局关于2023年度法治政府建设情况的报告\n2023年，我分局坚持依法行政。\n" + BODY,
    # shapes first met in the fresh held-out part D of the corpus (test3)
    # a government disclosure page's chrome links to a 政策解读; the page itself is the report
    ("青溪县人民政府2020年法治政府建设年度报告\n发布机构: 青溪县人民政府\n政策解读链接:点击查看政策解读\n"
     "2020年，青溪县扎实推进法治政府建设。\n" + SHORT),
    # no title on the page: the first part's heading, and the county's rule-of-law committee met during the year
    ("一、2024年工作举措\n(一)切实履行推进法治建设第一责任人职责。\n一是坚持高位统筹。组织召开了依法治区委员会(扩大)会议暨全区述法评议会议。\n"
     + BODY),
    # the first part's heading names the year's main work of 法治政府建设
    # no year anywhere in the opening, but an account of the work laid out as a report
    ("根据全县法治政府建设工作要求，教育局深入推进教育系统法治建设，现将具体工作情况汇报如下：\n一、主要工作及成效\n" + BODY),
    ("一、2017年青溪市法治政府建设的主要工作和成效\n(一)建立法治政府建设领导体制\n"
     "市政府成立领导小组，由市长任组长，印发年度工作要点与责任分工，分解到各区政府和各委办局。\n"),
    # shapes first met in the fresh held-out part F of the corpus (dev4)
    # the work plan the department followed is its basis, not what the page is
    ("2023年，市市场监管局在市委市政府的坚强领导下，深入学习贯彻习近平法治思想，紧紧围绕法治政府建设工作要点和任务清单，"
     "在全面促进严格规范公正文明执法等方面取得了新成效。\n一、法治政府建设水平持续提升\n" + BODY),
    # shapes first met in the fresh held-out part H of the corpus (test6)
    # no title, no opening, no year: the page starts with the outline's first chapter, reported item by item
    ("一、依法全面履行政府职能\n坚持简政放权、放管结合、优化服务。一是持续推进简政放权工作。取消省级行政审批和服务事项2项。\n"
     + BODY),
    # the same with few of the field's terms in the excerpt
    "一、关于履行政府职能\n（一）深入推进“放管服”改革。印发任务分工方案，对21项行政审批事项进行清单管理。\n",
    # shapes first met in part L of the corpus (dev7)
    # no title, no year: the page opens with the first part the 督察工作规定 asks of a report
    ("一、党政主要负责人履行推进法治建设第一责任人职责情况\n一是局党组中心组开展专题学习；组织全局干部职工、执法人员专题学习。"
     "二是持续深入开展宪法学习宣传活动。三是召开工作例会、专题办公会研究推进法治工作，开展第一责任人年终述职。\n"
     "二、推进法治政府建设的重点工作\n" + BODY),
    # a department's cover letter sending its 法治政府部门建设 report, the report attached below it
    ("江州省交通运输厅关于报送2019年法治政府部门建设工作自查报告的函\n省司法厅：\n"
     "根据工作要求，现将《2019年法治政府部门建设工作自查报告》（附后）随函报送。\n江州省交通运输厅\n"
     "2019年法治政府部门建设工作自查报告\n"),
])
def test_real_report_openings_are_reports(text):
    assert looks_like_report(text) == (True, "")


@pytest.mark.parametrize("body", [
    "2023年，区教育局依法落实*区教育局党组理论学习中心组学习制度，局班子每季度开展集中学法。\n",
    "2025年，镇党委坚持以习近平法治思想为指导，年内组织专题学习研讨*次，法治考核权重提升至*%。\n",
    "2019年，县政府组织召开县委全面依法治县委员会会议，制定下发《**县县创建省级法治政府建设示范县实施方案》。\n",
])
def test_names_or_figures_starred_out_anywhere_in_the_opening_make_a_template(body):
    # the placeholder may stand past the head (a document-sharing site's copy of a model text)
    text = "2023年法治政府建设工作总结\n一、主要工作及成效\n" + BODY * 3 + body + BODY
    ok, why = looks_like_report(text)
    assert not ok and "范文或模板" in why and "*" in why


def test_a_starred_heading_in_a_markdown_copy_is_not_a_placeholder():
    text = "青溪县2023年法治政府建设情况的报告\n**一、主要举措和成效**\n" + BODY * 2
    assert looks_like_report(text) == (True, "")


def test_an_evaluation_signed_by_a_person_is_not_the_governments_report():
    # shape first met in part L of the corpus (dev7): a scholar's annual evaluation titled like the report
    head = "江州市法治政府建设年度报告(2016年)\n\n  • 作者: 林书远\n  • 时间: 2018-01-01 20:44:41\n\n"
    ok, why = looks_like_report(head + BODY * 2)
    assert not ok and "个人署名" in why and "林书远" in why
    # an author line naming the office that put the report up is the body's own report
    for author in ("  • 作者: 中村乡党政办公室\n", "作者: 佚名\n", "作者:\n"):
        assert looks_like_report("青溪县2023年法治政府建设情况的报告\n" + author + BODY * 2) == (True, ""), author


@pytest.mark.parametrize("head, kind", [
    # shapes first met in the fresh held-out part M (test11), measured once before these rules were written
    ("2020年青溪镇上半年全面依法治镇工作总结\n发布日期:2020-06-24 15:09\n", "半年工作总结"),
    ("区政府常务会议议题解读:关于2023年度法治建设工作情况的汇报\n区政府办公室\n2023-12-20\n", "政策解读"),
])
def test_a_half_year_summary_and_an_agenda_explainer_are_not_annual_reports(head, kind):
    ok, why = looks_like_report(head + "2020年，我镇深入学习贯彻习近平法治思想。\n" + BODY * 2)
    assert not ok and kind in why


def test_an_annual_report_that_mentions_the_first_half_of_the_year_is_still_a_report():
    text = "青溪县2023年法治政府建设情况的报告\n2023年上半年，县政府召开常务会议专题研究法治政府建设。\n" + BODY * 2
    assert looks_like_report(text) == (True, "")


def test_a_page_opening_with_the_leadership_chapter_is_laid_out_as_a_report():
    # shape first met in part N (dev8): no title, no year in the opening, the outlines' leadership chapter first
    text = ("一、加强党对法治政府建设的全面领导。一是明确领导责任。明确党政主要负责人履行法治政府建设第一责任人职责，"
            "工委会议研究法治工作2次。二是强化法治意识。邀请法学专家为领导班子进行法治专题讲座。\n" + BODY)
    assert looks_like_report(text) == (True, "")


def test_a_news_headline_is_not_an_annual_report():
    # shape first met in part N (dev8): a county bureau's 普法 story under a headline
    text = "县司法局突出五项重点开创“党建+普法”新格局\n一是以干部学法用法为重点。2021年来，全县举办领导干部法治讲座80余场次。\n"
    ok, why = looks_like_report(text + BODY)
    assert not ok and "新闻报道" in why


@pytest.mark.parametrize("text, reporter", [
    # shape first met in part O (test12), after its one measure: a ministry's report on a news page, opened by
    # 「4月1日，《……报告》正式发布。」 and then the report itself
    ("江州署关于2020年度推进法治政府建设情况的报告\n发布人:林 菲 发布时间:2021-04-18 来源:江州署\n"
     "4月1日,《江州署关于2020年度推进法治政府建设情况的报告》正式发布。2020年,江州署以习近平新时代中国特色"
     "社会主义思想为指导，深入学习贯彻习近平法治思想。\n",
     ("正式发布。2020年,江州署以", "正式发布。记者了解到，江州署以")),
    # shape first met in part R (test15), after its one measure: a news app's copy of a province's report, opened by
    # 「3月30日,××省人民政府发布关于2020年法治政府建设情况的报告。」 and then the report itself
    ("江州省人民政府关于2020年法治政府建设情况的报告\n扫一扫下载界面新闻APP\n"
     "3月30日,江州省人民政府发布关于2020年法治政府建设情况的报告。\n2020年,江州省政府坚持以习近平新时代中国特色"
     "社会主义思想为指导，深入学习贯彻习近平法治思想。现将有关情况报告如下:\n",
     ("的报告。\n2020年,江州省政府坚持", "的报告。\n记者注意到，报告显示江州省政府坚持")),
])
def test_a_report_reposted_behind_a_one_line_release_lead_is_the_report(text, reporter):
    assert looks_like_report(text + BODY) == (True, "")
    # the same lead followed by a reporter's account is news
    assert looks_like_report((text + BODY).replace(*reporter))[0] is False


@pytest.mark.parametrize("opening", [
    # shapes first met in part P (test13), read after its one measure: a report names what it follows
    "2019年,市体育局在市委、市政府的正确领导下,根据年度“法治青溪工作要点”和全市法治建设工作安排,坚持科学谋划。\n",
    "2020年,我局在市司法局的正确指导下,紧紧围绕区党代会工作报告、政府工作报告部署,不断深化法治建设。\n",
])
def test_a_report_that_follows_a_plan_or_the_government_work_report_is_still_a_report(opening):
    assert looks_like_report(opening + BODY * 2) == (True, "")


@pytest.mark.parametrize("text, kind", [
    # shapes first met in part P (test13), read after its one measure
    ("【提纲】一、履行法治建设第一责任人职责主要成效。一是深学笃行法治思想,筑牢依法行政思想根基。二是强化法治政府建设统筹"
     "谋划。二、法治建设中存在的突出问题。三、下一步工作计划。\n", "范文或模板"),
    ("2025年以来,我作为区林业局主要负责人,认真履行推进法治建设第一责任人职责,现将有关情况报告如下\n", "个人述法报告"),
    ("青申改\n2024年,民主法制领域改革专项小组坚持以习近平新时代中国特色社会主义思想为指导,推动各项改革任务落地落实。\n",
     "改革专项小组的工作总结"),
])
def test_an_outline_a_leaders_own_account_and_a_reform_groups_summary_are_not_annual_reports(text, kind):
    ok, why = looks_like_report(text + BODY * 2)
    assert not ok and kind in why, why



REPOST = ("依法行政的目的是保护群众的根本利益。今天小编精心为大家整理了县2017年度依法行政年终总结，供大家阅读参考。\n"
          "2017年，我县各级政府认真贯彻落实《国务院关于加强法治政府建设的意见》，推进了全县依法行政工作。"
          "现将我县2017年度依法行政工作报告如下：\n一、相关工作开展情况\n"
          "制定了《青溪县2017年政府法制工作要点》，对规范行政执法行为作出安排部署。\n")


def test_a_real_report_a_writing_site_reposted_behind_its_blurb_is_the_report():
    # shape first met in part P (test13): a county's report on a 范文 site, its own names kept; both labellers call
    # it the county's report
    assert looks_like_report(REPOST + BODY) == (True, "")


@pytest.mark.parametrize("blank", ["《××县2017年政府法制工作要点》", "《某县2017年政府法制工作要点》", "《____县2017年政府法制工作要点》"])
def test_a_writing_sites_text_with_its_names_blanked_is_still_a_template(blank):
    text = REPOST.replace("《青溪县2017年政府法制工作要点》", blank)
    ok, why = looks_like_report(text + BODY)
    assert not ok and "范文或模板" in why, why


def test_a_writing_sites_blurb_over_a_text_naming_no_document_of_its_own_is_still_a_template():
    text = REPOST.replace("制定了《青溪县2017年政府法制工作要点》，", "")
    ok, why = looks_like_report(text + BODY)
    assert not ok and "范文或模板" in why, why


def test_figures_starred_out_under_a_title_naming_the_body_are_a_real_report_a_site_masked():
    # shape first met in part Q (test14), read after its one measure: a township's report on a tender site that starred
    # out its years and counts but not its names
    body = "今年以来领导班子专题听取法治建设工作汇报*次，开展法治专项督查整治*次，切实压实第一责任人职责。\n"
    titled = "松阳县竹源乡人民政府2025年法治政府建设年度报告\n一、主要工作及成效\n" + BODY * 3 + body + BODY
    assert looks_like_report(titled) == (True, "")
    # the same figures under a title that names no body are a template's
    ok, why = looks_like_report(titled.replace("松阳县竹源乡人民政府", "乡人民政府"))
    assert not ok and "范文或模板" in why


def test_a_governing_bodys_annual_rule_of_law_work_report_is_its_annual_report():
    # shape first met in parts Q and R (test14, test15), after their measures: a zone's administrative committee
    # titles its report 「……2022年度法治工作情况报告」
    text = ("临江新片区2022年度法治工作情况报告\n临江新片区管理委员会在市委、市政府的坚强领导下，深入贯彻落实习近平法治思想，"
            "扎实推进法治建设，现将2022年度法治工作情况报告如下:\n一、2022年法治工作情况\n"
            "（一）加强党对法治工作的领导\n1.调整完善法治工作领导小组，由管委会主要领导担任组长。\n"
            "（二）全面开展法治学习和普法宣传\n1.认真落实党工委中心组学法制度，开展集体专题学习6次。\n")
    # it names few of the terms a report usually does (普法, 法治建设, 法治): its title says what it is
    assert looks_like_report(text) == (True, "")
    # a party committee's summary of the same name is not the government's report
    assert looks_like_report(text.replace("临江新片区2022年度", "中共临江市委2022年度"))[0] is False


@pytest.mark.parametrize("text, kind", [
    # shapes first met in part T (test16), read after its one measure
    # a newspaper's dateline (××日报讯) over a standing meeting that heard the year's briefing
    ("青溪日报讯 4月7日,县长主持召开县人民政府第12次常务会议。会议听取了全县法治政府建设情况汇报。\n", "新闻报道"),
    # a news story's byline at the end of a paragraph, far below its headline
    ("2016年青溪市法治政府评估结果发布 青溪列全省第一\n2016年,青溪市政府全面推进依法行政。\n" + BODY * 8
     + "有力推动了青溪市法治政府建设。(记者 王明)\n", "新闻报道"),
    # a department's briefing that reviews the years since 党的十八大
    ("省体育局坚持依法行政 推进依法治体\n按照会议安排,现将省体育局坚持依法行政工作情况作如下简要汇报。\n"
     "党的十八大以来,全省体育工作坚持依法行政,统筹推进体育法治建设工作。\n", "多年期的总结"),
])
def test_news_by_its_dateline_or_byline_and_a_review_of_several_years_are_not_annual_reports(text, kind):
    ok, why = looks_like_report(text + BODY * 2)
    assert not ok and kind in why, why


def test_an_annual_report_that_looks_back_inside_a_sentence_is_still_a_report():
    # 党的十八大以来 or 近年来 inside a sentence (not opening a paragraph) does not make a multi-year review
    text = ("2023年,青溪县深入贯彻党的十八大以来党中央关于法治政府建设的决策部署,近年来连续三年获评全省法治政府建设先进县。"
            "现将有关情况报告如下:\n一、主要工作及成效\n")
    assert looks_like_report(text + BODY * 2) == (True, "")


def test_a_department_that_reports_its_information_disclosure_work_is_not_an_annual_rule_of_law_report():
    # shape first met in part U (test17), read after its one measure: the body says which report it is
    # (「现将……政府信息公开工作情况报告如下」); its text speaks of 法治政府 and lists many counted acts
    text = ("自治区人民政府办公厅:\n根据自治区人民政府办公厅《关于报送2017年度政府信息公开情况和编制公布政府信息公开工作年度报告的通知》,"
            "现将交通运输厅2017年度政府信息公开工作情况报告如下。\n2017年以来,交通运输厅党委深入贯彻党的十九大精神,"
            "促进法治政府、创新政府、廉洁政府和服务型政府建设。\n一、全面做好主动公开各项工作\n")
    ok, why = looks_like_report(text + BODY * 2)
    assert not ok and "政府信息公开工作年度报告" in why, why


def test_a_mirror_that_filtered_out_every_fazhi_is_still_the_report():
    # part I's I019 (dev5): a mirror site cut 法治 (and other words) out of a province's report, so its title reads
    # 「关于2020年度政府建设情况的报告」 and the outline it implements 《政府建设实施纲要(2015—2020年)》; a legal officer
    # still reads the outline's name and a paragraph that opens the year's work. The list bullet of the page ("•")
    # does not hide that opening.
    text = ("• 当前所在位置:首页 - 资讯\n• 某省人民政府关于2020年度政府建设情况的报告\n"
            "•   2020年,在省委的正确领导下,省政府加快落实《政府建设实施纲要(2015—2020年)》各项任务,扎实推进依法行政,"
            "政府建设取得积极成效。现将有关情况报告如下:\n(一)扎实推进营商改善。制定31项营商年度行动计划。\n")
    assert looks_like_report(text) == (True, "")
    # without the outline's name, one term of the field is still too little to call a page a report
    ok, why = looks_like_report(text.replace("《政府建设实施纲要(2015—2020年)》", "中央部署"))
    assert not ok and "1 个法治政府建设相关术语" in why, why


def test_a_repost_sites_content_editor_field_is_not_a_news_byline():
    # part V's V008, read after its one measure: an aggregator reposted a department's report under its own fields
    # (内容编辑:…  文章来源:政府网站); a newspaper's 编辑: still marks news
    head = "合肥市科技局2017年法治政府建设年度报告\n\n内容编辑:利民投资 文章来源:政府网站 5640 次浏览\n\n市政府:\n"
    text = head + "  2017年,在市委市政府的坚强领导下,我局积极推进依法行政。\n" + BODY * 2
    assert looks_like_report(text) == (True, "")
    ok, why = looks_like_report(text.replace("内容编辑:利民投资", "编辑:王明"))
    assert not ok and "新闻报道" in why, why


def test_a_yearly_report_on_open_government_work_is_the_disclosure_report():
    # part V's Vneg12, read after its one measure: 政务公开 is the disclosure report's other name
    text = ("根据《中华人民共和国政府信息公开条例》有关要求,现就2020年政务公开年度工作情况报告如下:\n一、总体情况\n"
            "(一)围绕建设法治政府全面推进政务公开。对拟以政府名义出台的80份文件进行合法性审查。\n")
    ok, why = looks_like_report(text + BODY * 2)
    assert not ok and "政府信息公开工作年度报告" in why, why


# Shapes first met in part W (test19), read after its one measure (kind 38/43 then).

def test_a_titled_annual_report_with_a_paragraph_looking_back_is_still_the_report():
    # W005: a paragraph opening 近年来, inside a report titled as the year's is part of it; untitled, it is a review
    body = ("2019年,市交通委认真学习贯彻全面依法治国新理念新思想新战略,深入推进依法行政。具体情况如下:\n"
            "一、2019年法治政府建设情况\n近年来,我委持续推进行政执法规范化,共办理行政复议案件48件。\n")
    assert looks_like_report("上海市交通委员会2019年法治政府建设年度报告\n" + body + BODY * 2) == (True, "")
    ok, why = looks_like_report("近年来,我委持续推进行政执法规范化,共办理行政复议案件48件。\n" + BODY * 2)
    assert not ok and "多年期的总结" in why, why


def test_work_put_into_the_years_plan_is_not_a_plan_and_a_page_opening_with_its_first_part_is_a_report():
    # W007: a zone's report cut above its first part; 列入年度工作要点 names another document
    text = ("一、工作开展情况\n(一)法治政府建设与经济社会发展统筹谋划、一体推进\n"
            "一是深入学习宣传习近平法治思想。党工委、管委会将全区法治建设工作任务列入年度工作要点,"
            "全年召开党工委理论学习中心组学习会12次。\n二是健全法律顾问制度,聘请法律顾问2名。\n")
    assert looks_like_report(text) == (True, "")


def test_a_regions_report_opening_with_its_first_part_on_its_own_rule_of_law_government_is_a_report():
    # W104: the opening never writes the year; its first part pushes the region's own 法治政府建设 forward
    text = ("一、深入学习践行习近平法治思想,全力谋划推进我区法治政府建设\n自治区党委、政府自觉将习近平法治思想作为"
            "全面依法治区的根本遵循,把法治政府建设放在改革发展全局中统筹谋划。\n")
    assert looks_like_report(text + BODY * 2) == (True, "")


def test_an_opening_that_says_it_reports_disclosure_work_or_law_popularisation_is_a_lookalike():
    # Wneg01: the disclosure report's opening paragraph ends on what it reports, cut off by the copy
    ok, why = looks_like_report("2022年,市住房和城乡建设局认真落实党中央、国务院关于政府信息公开工作的决策部署,切实做好"
                                "政府信息公开工作。现将2022年度市住房和城乡建设局政府信息公开工作报告\n" + BODY * 2)
    assert not ok and "政府信息公开工作年度报告" in why, why
    # Wneg03: 法治宣传与治理工作 is the 普法依法治理 work
    ok, why = looks_like_report("在2024年,我局紧紧围绕法治建设总体部署,扎实推进各项法治宣传与治理工作,取得了阶段性成效。"
                                "现将相关情况总结如下:\n" + BODY * 2)
    assert not ok and "依法治理或普法总结" in why, why


def test_a_cms_editor_field_naming_an_office_is_not_a_news_byline():
    # X114: the site's 责任编辑 field names the bureau that posted the report; a person's name there is a byline
    head = "2019年青溪区法治政府建设工作情况报告\n\n2020-03-11 16:35:10  来源:区司法局  责任编辑:{}\n\n"
    opening = "2019年,青溪区人民政府坚持依法行政,扎实推进法治政府建设。现将有关情况报告如下:\n"
    assert looks_like_report(head.format("区司法局") + opening + BODY * 2) == (True, "")
    ok, why = looks_like_report("青溪区召开法治政府建设工作会议\n\n来源:区司法局  责任编辑:李明\n\n" + opening + BODY * 2)
    assert not ok and "新闻报道" in why, why


def test_an_inspection_teams_visit_and_a_blanked_half_year_template_are_not_annual_reports():
    # Xneg02: a headline on an assessment team visiting a department to assess its year's work is news
    ok, why = looks_like_report("首页 > 新闻 > 要闻\n\n省依法行政考核组莅临省水利厅考核\n2020年度依法行政工作\n\n"
                                "2020年,省水利厅深入推进依法行政。\n" + BODY * 2)
    assert not ok and "新闻报道" in why, why
    # Xneg03: a half-year title running straight into its first part, and a name left blank (聘请_律师)
    ok, why = looks_like_report("工商局2021年上半年法治建设工作总结 一、突出制度机制建设。" + BODY * 2)
    assert not ok and "半年工作总结" in why, why
    ok, why = looks_like_report("2021年,我局法治政府建设扎实推进。通过政府采购方式聘请_律师担任我局法律顾问。\n" + BODY * 2)
    assert not ok and "范文或模板" in why, why


def test_a_streets_report_to_the_districts_committee_and_a_progress_table_of_the_government_work_report():
    # Y114 (part Y, read after its one measure): a street office's year reported to the district's 依法治区 committee,
    # with few of the field's terms in its opening; 依法治 is one of them
    text = ("城北区委全面依法治区委员会:\n在全面建设社会主义现代化国家新征程上,青石街道办事处坚持以习近平法治思想为根本遵循,"
            "深入贯彻中央全面依法治国战略部署,系统推进法治政府建设,切实将法治优势转化为治理效能。现将2025年工作情况总结如下:\n"
            "一、全年工作完成情况\n(一)组织保障体系更加健全。全年召开法治建设专题会议4次,将法治建设纳入街道年度目标责任考核体系。\n")
    assert looks_like_report(text) == (True, "")
    # Yneg11: a table of the government work report's tasks and their progress
    ok, why = looks_like_report("2023年《政府工作报告》重点工作目标任务进展情况表\n序号 |\n目标与任务 |\n牵头责任 单位 |\n完成情况 |\n"
                                + BODY * 2)
    assert not ok and "工作进展表" in why, why


def test_a_report_sent_under_a_cover_letter_with_its_own_introduction_is_a_report():
    # part AA (test23), read after its measure: a department's report sent under a cover letter, whose own
    # 引言 says what the report was drawn up under (Shanghai's departments open their reports so)
    text = ("关于报送《青溪区人力资源和社会保障局2021年度法治政府建设情况报告》的报告\n青溪区法治政府建设工作领导小组办公室:\n"
            "《青溪区人力资源和社会保障局 2021 年度法治政府建设情况报告》已编制完成,请审阅。\n附件:\n"
            "青溪区人力资源和社会保障局\n2021 年度法治政府建设情况报告\n引言\n"
            "本年度报告根据《法治政府建设实施纲要(2021-2025年)》的要求,由青溪区人力资源和社会保障局编制。\n")
    assert looks_like_report(text + BODY * 2) == (True, "")
    # an 引言 that opens an essay is still a commentary
    ok, why = looks_like_report("引言\n青溪近年来在法治政府建设方面取得了显著成就。\n" + BODY * 2)
    assert not ok and "评述文章" in why


def test_news_about_a_reports_release_under_its_own_headline_is_news_and_a_template_with_lettered_names():
    # part AB (test24), read after its measure: an aggregator's copy of a news story (原标题) whose headline
    # announces the release and whose lead quotes highlights, then a reporter's digest of the report
    text = ("原标题:江州发布2025年法治政府建设情况 持续优化营商环境\n全省行政机关负责人出庭应诉率达到100%……3月10日,"
            "省政府发布关于2025年法治政府建设情况的报告。\n2025年,在省委坚强领导下,省政府认真落实《法治政府建设实施纲要"
            "(2021-2025年)》要求,深入推进法治政府建设。\n")
    ok, why = looks_like_report(text + BODY)
    assert not ok and "新闻报道" in why
    # the same release line under a headline that says the full text follows is the report reprinted
    text = ("江州部发布2023年法治政府建设年度报告\n3月30日,江州部发布2023年法治政府建设年度报告。具体内容如下:\n"
            "2023年,江州部坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想。\n")
    assert looks_like_report(text + BODY) == (True, "")
    # a template whose leader's name is a letter: 以A新时代中国特色社会主义思想为指导, A法治思想
    text = ("2023年镇法治政府建设工作总结\n2023年以来,镇以A新时代中国特色社会主义思想为指导,深入学习贯彻A总书记全面依法治国"
            "新理念新思想新战略,推进我镇法治政府建设。\n组织镇党委理论学习中心组开展《A法治思想学习纲要》专题学习2次。\n")
    ok, why = looks_like_report(text + BODY)
    assert not ok and "范文或模板" in why
    # a real report's AAAA-rated scenic spot is no lettered name
    text = "2023年青溪县法治政府建设工作报告\n2023年,青溪县推进5A级景区依法管理,深入学习贯彻习近平法治思想。\n"
    assert looks_like_report(text + BODY) == (True, "")


def test_an_addressee_an_empty_editor_field_and_templates_with_blanked_years():
    # part AC (test25), read after its measure: a report addressed to the party's 依法治市 leading group is not that
    # group's summary; a CMS field 编辑: left empty names no editor
    text = ("中共青溪市委全面依法治市工作领导小组:\n2016年我局在市委、市政府的正确领导下,全面推进依法行政,加快建设法治质监。"
            "现将2016年主要情况及2017年工作计划汇报如下:\n一、主要做法及成效\n")
    assert looks_like_report(text + BODY * 2) == (True, "")
    text = ("青溪县交通运输局 2022年法治政府建设年度报告\n  • 来源:\n  • 编辑:\n  • 发布时间:2023-05-16\n"
            "2022年,县交通运输局以习近平法治思想为指导,推进法治政府建设。现将县交通运输局2022年法治政府建设情况报告如下:\n")
    assert looks_like_report(text + BODY * 2) == (True, "")
    ok, why = looks_like_report(text.replace("编辑:\n", "编辑:张三\n") + BODY * 2)
    assert not ok and "新闻报道" in why
    # a writing site's template: the year written xx年, and 仅供学习
    for marker in ("xx年,在市委、市政府的正确领导下", "2023年,在市委、市政府的正确领导下(仅供学习"):
        text = f"县2023年法治政府建设工作情况报告\n{marker},我县全面推进法治政府建设各项工作。现将有关情况报告如下:\n"
        ok, why = looks_like_report(text + BODY * 2)
        assert not ok and "范文或模板" in why, marker


def test_a_governments_annual_report_to_the_congress_on_the_congress_site_is_a_report():
    # part AC (test25), read after its measure: the congress's site carries the government's annual 依法行政 report
    # under its 稿件来源 field; that field alone does not make a page titled as the year's report news
    text = ("省人民政府关于2017年依法行政工作的报告\n稿件来源:青溪人大网 发布时间:2018-05-17 11:26:38\n"
            "——2018年3月28日在省十三届人大常委会第二次会议上\n主任、各位副主任,秘书长,各位委员:\n"
            "根据会议安排,我受省人民政府委托,向省人大常委会报告2017年全省依法行政工作,请予审议。\n"
            "2017年,全省各级行政机关深入推进依法行政、加快法治政府建设,取得了明显成效。\n")
    assert looks_like_report(text + BODY * 2) == (True, "")
    # a page without such a title under the same field is still refused
    ok, why = looks_like_report("青溪省人民检察院工作报告\n稿件来源:青溪人大网 发布时间:2022-11-02 20:14:37\n" + BODY * 2)
    assert not ok


def test_a_rule_of_law_blue_book_is_not_a_governments_report():
    # part AD (test26), read after its measure: a site's copy of a chapter of a region's 法治发展报告 (a research
    # institute's blue book) on its government's year
    text = ("首页 理论教育 2021青溪法治发展报告正式发布\n\n2021青溪法治发展报告正式发布\n\n1.强化党的领导\n"
            "自治区党委召开全面依法治区委员会第三次会议,审议通过《2020年自治区法治政府建设工作要点》。\n")
    ok, why = looks_like_report(text + BODY * 2)
    assert not ok and "法治蓝皮书" in why
    # a report that cites such a blue book's ranking is still a report
    text = ("青溪市2018年法治政府建设情况报告\n2018年,青溪市深入推进法治政府建设。2018年9月,中国政法大学法治政府研究院发布"
            "《法治政府蓝皮书——中国法治政府评估报告(2018)》,我市在被评估的100个城市中位列第一。\n")
    assert looks_like_report(text + BODY * 2) == (True, "")
