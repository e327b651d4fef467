package io.kizuna.api.segment.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits a rule's text form into tokens, each with its offset for error messages. */
final class RuleLexer {

    enum Kind {
        NAME,
        STRING,
        NUMBER,
        DURATION,
        DATE,
        LPAREN,
        RPAREN,
        COMMA,
        COLON,
        OPERATOR,
        END
    }

    /** One token; {@code text} is the string's content for {@link Kind#STRING}, else the characters as written. */
    record Token(Kind kind, String text, int offset) {

        boolean is(Kind expected) {
            return kind == expected;
        }

        /** Whether this is the keyword {@code word} (case-insensitive). */
        boolean isKeyword(String word) {
            return kind == Kind.NAME && text.equalsIgnoreCase(word);
        }

        boolean isOperator(String symbol) {
            return kind == Kind.OPERATOR && text.equals(symbol);
        }

        /** How the token reads in a message: {@code 'and'}, or "the end of the rule". */
        String describe() {
            return switch (kind) {
                case END -> "the end of the rule";
                case STRING -> "the text \"" + shorten(text) + "\"";
                default -> "'" + shorten(text) + "'";
            };
        }

        private static String shorten(String text) {
            return text.length() > 30 ? text.substring(0, 27) + "..." : text;
        }
    }

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern DURATION = Pattern.compile("[0-9]+[A-Za-z]");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final String text;
    private int position;

    private RuleLexer(String text) {
        this.text = text;
    }

    /** The tokens of {@code text}, ending with an {@link Kind#END} token; throws {@link RuleSyntaxError}. */
    static List<Token> tokens(String text) {
        return new RuleLexer(text).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (position >= text.length()) {
                tokens.add(new Token(Kind.END, "", position));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipWhitespace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private Token next() {
        int start = position;
        char c = text.charAt(position);
        switch (c) {
            case '(':
                position++;
                return new Token(Kind.LPAREN, "(", start);
            case ')':
                position++;
                return new Token(Kind.RPAREN, ")", start);
            case ',':
                position++;
                return new Token(Kind.COMMA, ",", start);
            case ':':
                position++;
                return new Token(Kind.COLON, ":", start);
            case '"':
                return string();
            case '>':
            case '<':
            case '!':
            case '=':
                return operator();
            default:
                break;
        }
        if (isNameStart(c)) {
            while (position < text.length() && isNamePart(text.charAt(position))) {
                position++;
            }
            return new Token(Kind.NAME, text.substring(start, position), start);
        }
        if (isDigit(c) || (c == '-' && position + 1 < text.length() && isDigit(text.charAt(position + 1)))) {
            return numberLike();
        }
        throw new RuleSyntaxError(start, "unexpected character '" + c + "'");
    }

    private Token operator() {
        int start = position;
        char c = text.charAt(position);
        boolean equalsFollows = position + 1 < text.length() && text.charAt(position + 1) == '=';
        if (c == '!' && !equalsFollows) {
            throw new RuleSyntaxError(
                    start, "unexpected character '!'; write != for \"not equal\" or not before a condition");
        }
        if (c == '=' && equalsFollows) {
            throw new RuleSyntaxError(start, "write = for \"equal\" (not ==)");
        }
        position += (c != '=' && equalsFollows) ? 2 : 1;
        return new Token(Kind.OPERATOR, text.substring(start, position), start);
    }

    private Token string() {
        int start = position;
        position++;
        StringBuilder value = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"') {
                return new Token(Kind.STRING, value.toString(), start);
            }
            if (c == '\\') {
                if (position >= text.length()) {
                    break;
                }
                char escaped = text.charAt(position++);
                if (escaped != '"' && escaped != '\\') {
                    throw new RuleSyntaxError(
                            position - 2, "unknown escape \\" + escaped + " in a text; only \\\" and \\\\ are known");
                }
                value.append(escaped);
            } else {
                value.append(c);
            }
        }
        throw new RuleSyntaxError(start, "a text opened with \" is never closed");
    }

    private Token numberLike() {
        int start = position;
        position++;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (!(isDigit(c) || Character.isLetter(c) || c == '.' || c == '-' || c == '_')) {
                break;
            }
            position++;
        }
        String word = text.substring(start, position);
        if (DATE.matcher(word).matches()) {
            return new Token(Kind.DATE, word, start);
        }
        if (DURATION.matcher(word).matches()) {
            return new Token(Kind.DURATION, word, start);
        }
        if (NUMBER.matcher(word).matches()) {
            return new Token(Kind.NUMBER, word, start);
        }
        throw new RuleSyntaxError(
                start, "'" + word + "' is not a number (3, 2.5), a window (90d) or a date (2026-01-31)");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c) || c == '.' || c == '-';
    }

    /** Whether {@code value} reads back as one name token (else the text form quotes it). */
    static boolean isBareName(String value) {
        if (value.isEmpty() || !isNameStart(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            if (!isNamePart(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
