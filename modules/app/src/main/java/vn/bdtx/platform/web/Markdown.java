package vn.bdtx.platform.web;

import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

/**
 * Lectures and briefs are Markdown (CommonMark with tables). HTML written into
 * them is escaped and link targets are sanitised, so a lecture cannot carry a
 * script into a learner's browser.
 */
@Component
public class Markdown {

  private final Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
  private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(List.of(TablesExtension.create()))
      .escapeHtml(true).sanitizeUrls(true).build();

  public String toHtml(String markdown) {
    return renderer.render(parser.parse(markdown == null ? "" : markdown));
  }
}
