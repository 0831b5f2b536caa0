from cms.search.text import normalize, query_tokens, tokens


def test_traditional_full_width_and_case_are_folded():
    assert normalize("徐匯 投資 ＡＩ １２３") == "徐汇 投资 ai 123"


def test_bigrams_and_unigrams_of_han_runs():
    assert tokens("人工智能") == ["人工", "工智", "智能", "人", "工", "智", "能"]
    assert query_tokens("人工智能") == ["人工", "工智", "智能"]
    assert query_tokens("区") == ["区"]


def test_latin_words_numbers_and_mixed_text():
    assert query_tokens("AI算力 2026年 GPU") == ["算力", "年", "ai", "2026", "gpu"]


def test_document_number_variants_share_one_token():
    variants = ["徐府发〔2022〕3号", "徐府发[2022]3号", "徐府發（２０２２）03号", "徐府发 【2022】 3 号"]
    expected = "徐府发〔2022〕3号"
    for variant in variants:
        assert expected in query_tokens(variant), variant


def test_queries_are_cut_and_odd_input_is_harmless():
    assert len("".join(query_tokens("招" * 500))) <= 200
    assert query_tokens("%_\\'\"<script>") == ["script"]
    assert query_tokens("") == []
