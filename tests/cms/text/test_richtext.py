from cms.text.richtext import sanitize_html


def test_sanitiser_keeps_the_allowed_structure():
    html = (
        '<h2>一、总则</h2><p><strong>重点</strong><a href="https://example.cn">链接</a></p>'
        '<table><tr><td colspan="2">表</td></tr></table>'
    )
    cleaned = sanitize_html(html)
    assert "<h2>一、总则</h2>" in cleaned
    assert '<a href="https://example.cn" rel="noopener noreferrer">链接</a>' in cleaned
    assert 'colspan="2"' in cleaned


def test_sanitiser_strips_scripts_handlers_styles_and_bad_urls():
    html = (
        '<p style="color:red" onmouseover="steal()">文字</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">坏</a><img src="data:text/html;base64,xx" onerror="x()">'
        "<svg><script>1</script></svg><iframe src='https://evil'></iframe>"
    )
    cleaned = sanitize_html(html)
    for fragment in ["style", "onmouseover", "script", "javascript:", "onerror", "data:", "svg", "iframe", "alert"]:
        assert fragment not in cleaned
    assert "文字" in cleaned


def test_sanitiser_keeps_chinese_text_intact():
    assert sanitize_html("<p>中国（上海）自由贸易试验区</p>") == "<p>中国（上海）自由贸易试验区</p>"
