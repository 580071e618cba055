from talentloop.scoring.reference import rubric_from_reference


def texts(question: str, reference: str) -> list[str]:
    return [key_point.text for key_point in rubric_from_reference(question, reference).key_points]


def test_list_after_a_restated_question_becomes_key_points():
    rubric = rubric_from_reference(
        "决定分拣策略的主要因素有哪几个？", "决定分拣策略的四个主要因素：分区、订单分割、订单分批、分类。"
    )
    assert [key_point.text for key_point in rubric.key_points] == ["分区", "订单分割", "订单分批", "分类"]
    assert [key_point.identifier for key_point in rubric.key_points] == ["kp1", "kp2", "kp3", "kp4"]
    assert rubric.accepts_bare_lists is True


def test_list_introduced_by_fen_wei_and_joined_by_he():
    assert texts(
        "运输合同的分类以运输对象为标准，可分为什么类型？", "运输合同的分类以运输对象为标准，分为客运合同和货运合同。"
    ) == [
        "客运合同",
        "货运合同",
    ]


def test_enumeration_markers():
    assert texts("面试准备包括什么？", "（1）了解岗位要求（2）准备项目案例（3）练习表达") == [
        "了解岗位要求",
        "准备项目案例",
        "练习表达",
    ]
    assert texts("步骤？", "①收集数据②分析原因③制定方案") == ["收集数据", "分析原因", "制定方案"]
    assert texts("步骤？", "1. 收集数据 2. 分析原因") == ["收集数据", "分析原因"]


def test_semicolon_lists_and_sentences():
    assert texts("配送模式包括什么类型？", "配送模式：自营配送模式；共同配送模式；第三方配送。") == [
        "自营配送模式",
        "共同配送模式",
        "第三方配送",
    ]
    long_reference = (
        "我先约了生产经理和财务分别沟通，弄清他们的顾虑。然后用停机数据测算了节省的费用。最后客户签下了订单。" * 2
    )
    rubric = rubric_from_reference("请描述一次你如何说服客户的经历。", long_reference)
    assert rubric.key_points[0].text == "我先约了生产经理和财务分别沟通，弄清他们的顾虑"
    assert rubric.accepts_bare_lists is False


def test_keywords_leave_out_words_of_the_question():
    rubric = rubric_from_reference("数据编辑主要是指什么？", "数据编辑：主要是指属性编辑和图形编辑。")
    assert [(key_point.text, key_point.keywords) for key_point in rubric.key_points] == [
        ("属性编辑", ("属性",)),
        ("图形编辑", ("图形",)),
    ]
