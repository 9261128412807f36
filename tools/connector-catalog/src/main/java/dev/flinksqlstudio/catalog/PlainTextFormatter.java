// Renders Flink's rich option descriptions (Description blocks) as plain text: what HtmlFormatter does,
// without markup. Code and bold spans lose their style, links keep their target, list items get "- ".
package dev.flinksqlstudio.catalog;

import org.apache.flink.configuration.description.Description;
import org.apache.flink.configuration.description.Formatter;
import org.apache.flink.configuration.description.TextElement;

import java.util.EnumSet;

final class PlainTextFormatter extends Formatter {

    static String render(Description description) {
        if (description == null) {
            return "";
        }
        String text = new PlainTextFormatter().format(description);
        // Trailing spaces before line ends and runs of blank lines come from the block joins, not the author.
        return text.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    @Override
    protected void formatLink(StringBuilder state, String link, String description) {
        if (description.isEmpty() || description.equals(link)) {
            state.append(link);
        } else {
            state.append(description).append(" (").append(link).append(')');
        }
    }

    @Override
    protected void formatLineBreak(StringBuilder state) {
        state.append('\n');
    }

    @Override
    protected void formatText(
            StringBuilder state, String format, String[] elements, EnumSet<TextElement.TextStyle> styles) {
        // Formatter escapes '%' in the elements to a placeholder it restores at the end, as for HTML.
        state.append(String.format(format, (Object[]) elements));
    }

    @Override
    protected void formatList(StringBuilder state, String[] entries) {
        if (state.length() > 0 && state.charAt(state.length() - 1) != '\n') {
            state.append('\n');
        }
        for (String entry : entries) {
            state.append("- ").append(entry.strip()).append('\n');
        }
    }

    @Override
    protected Formatter newInstance() {
        return new PlainTextFormatter();
    }
}
