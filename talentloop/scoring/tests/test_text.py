from talentloop.scoring.text import (
    content_tokens,
    filler_words,
    normalise,
    segmenter,
    split_clauses,
    split_sentences,
    stop_words,
    tokenize,
)


def test_normalise_full_width_lower_case_and_offsets():
    original = "ＫＰＩ  提升了２０％"
    normalised = normalise(original)
    assert normalised.text == "kpi 提升了20%"
    span = normalised.original_span(normalised.text.index("20%"), len(normalised.text))
    assert (span.start, span.end, span.text) == (8, 11, "２０％")


def test_split_sentences_keeps_offsets_for_chinese_and_english():
    text = "我先了解需求。然后做了方案！Then we signed. Done"
    spans = split_sentences(text)
    assert [span.text for span in spans] == ["我先了解需求", "然后做了方案", "Then we signed", "Done"]
    assert all(text[span.start : span.end] == span.text for span in spans)


def test_split_clauses_on_commas_and_enumeration_commas():
    spans = split_clauses("分区、订单分割，订单分批；分类")
    assert [span.text for span in spans] == ["分区", "订单分割", "订单分批", "分类"]
    assert [(span.start, span.end) for span in spans] == [(0, 2), (3, 7), (8, 12), (13, 15)]


def test_unpunctuated_transcript_is_cut_before_connectors():
    text = (
        "我先去客户现场看了他们的产线和设备运行情况了解到停机很多"
        "然后我做了一份对比方案给他们的财务和生产经理看所以他们最后同意先试用一个月"
    )
    spans = split_clauses(text)
    assert [span.text for span in spans] == [
        "我先去客户现场看了他们的产线和设备运行情况了解到停机很多",
        # 38 characters: short enough to stay one clause
        "然后我做了一份对比方案给他们的财务和生产经理看所以他们最后同意先试用一个月",
    ]
    assert [span.text for span in split_clauses("我们先开会讨论所以决定改方案", maximum_characters=8)] == [
        "我们先开会讨论",
        "所以决定改方案",
    ]


def test_tokenize_keeps_offsets_and_drops_punctuation():
    tokens = tokenize("客户的需求，很明确")
    assert [(token.text, token.start, token.end) for token in tokens] == [
        ("客户", 0, 2),
        ("的", 2, 3),
        ("需求", 3, 5),
        ("很", 6, 7),
        ("明确", 7, 9),
    ]
    assert [token.text for token in content_tokens("嗯 就是 客户的需求")] == ["客户", "需求"]


def test_word_lists_hold_fillers_and_stop_words():
    assert {"嗯", "那个", "就是", "然后", "um", "uh", "like", "you know"} <= filler_words()
    assert {"的", "了", "the", "and"} <= stop_words()


def test_jieba_cache_goes_to_the_configured_directory():
    tokenizer = segmenter()
    assert tokenizer is segmenter()  # initialised once
    assert tokenizer.cache_file == "talentloop-jieba.cache"
    assert tokenizer.tmp_dir
