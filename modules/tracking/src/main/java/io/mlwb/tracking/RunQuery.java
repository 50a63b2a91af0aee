package io.mlwb.tracking;

import io.mlwb.core.error.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The runs table's filter language: comparisons of run fields joined by {@code and}, {@code or} and {@code not},
 * with parentheses, e.g. {@code metrics.val_auc > 0.8 and params.optimizer = "adam" and tags.stage = "candidate"}.
 *
 * <p>Fields: {@code metrics.NAME} (the latest value), {@code params.NAME}, {@code tags.NAME}, and the run's
 * {@code id}, {@code name}, {@code status}, {@code experiment}. Operators: {@code =}, {@code !=}, {@code <},
 * {@code <=}, {@code >}, {@code >=}, and {@code ~} (contains, ignoring case). Values: numbers, quoted texts
 * ({@code "…"} or {@code '…'}) or bare words. A number compares numerically when both sides are numbers, else as
 * text. A missing field makes a comparison false (and {@code !=} true); a NaN value is not ordered (only
 * {@code = NaN} holds for it, and {@code !=} anything else). An error names the position:
 * {@code at 17: expected a value after '>'}.
 */
public final class RunQuery {
    private final Node root;
    private final String text;

    private RunQuery(Node root, String text) {
        this.root = root;
        this.text = text;
    }

    /** What a query reads of a run. */
    public interface Fields {
        /**
         * @param field a field such as {@code metrics.val_auc} or {@code status}
         * @return its value (a {@code Double} or a {@code String}), or null when the run has none
         */
        Object get(String field);
    }

    /**
     * @param text the query; blank matches every run
     * @return the parsed query
     * @throws UserError with the position of the first error
     */
    public static RunQuery parse(String text) {
        String t = text == null ? "" : text;
        if (t.isBlank()) {
            return new RunQuery(null, t);
        }
        Parser p = new Parser(t);
        Node n = p.or();
        p.skip();
        if (p.pos < t.length()) {
            throw p.error("expected 'and', 'or' or the end, found '" + t.substring(p.pos, Math.min(t.length(),
                    p.pos + 12)) + "'");
        }
        return new RunQuery(n, t);
    }

    /**
     * @param run the run's fields
     * @return whether the run matches
     */
    public boolean matches(Fields run) {
        return root == null || root.eval(run);
    }

    /** @return the query as written */
    public String text() {
        return text;
    }

    /** @return the fields the query reads ({@code metrics.val_auc}, {@code status}, ...), in order of appearance */
    public java.util.Set<String> fields() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        if (root != null) {
            root.fields(out);
        }
        return out;
    }

    private interface Node {
        boolean eval(Fields f);

        void fields(java.util.Set<String> out);
    }

    private record And(Node a, Node b) implements Node {
        public boolean eval(Fields f) {
            return a.eval(f) && b.eval(f);
        }

        public void fields(java.util.Set<String> out) {
            a.fields(out);
            b.fields(out);
        }
    }

    private record Or(Node a, Node b) implements Node {
        public boolean eval(Fields f) {
            return a.eval(f) || b.eval(f);
        }

        public void fields(java.util.Set<String> out) {
            a.fields(out);
            b.fields(out);
        }
    }

    private record Not(Node a) implements Node {
        public boolean eval(Fields f) {
            return !a.eval(f);
        }

        public void fields(java.util.Set<String> out) {
            a.fields(out);
        }
    }

    private record Compare(String field, String op, Object value) implements Node {
        public void fields(java.util.Set<String> out) {
            out.add(field);
        }

        public boolean eval(Fields f) {
            Object actual = f.get(field);
            if (actual == null) {
                return op.equals("!=");
            }
            if (op.equals("~")) {
                return text(actual).toLowerCase(Locale.ROOT).contains(text(value).toLowerCase(Locale.ROOT));
            }
            int cmp;
            Double a = number(actual);
            Double b = number(value);
            if (a != null && b != null && (a.isNaN() || b.isNaN())) {
                // a NaN is not ordered: only = NaN (and != NaN) can hold
                boolean both = a.isNaN() && b.isNaN();
                return op.equals("=") ? both : op.equals("!=") && !both;
            }
            if (a != null && b != null) {
                cmp = Double.compare(a, b);
            } else {
                cmp = text(actual).compareTo(text(value));
            }
            return switch (op) {
                case "=" -> cmp == 0;
                case "!=" -> cmp != 0;
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                default -> throw new IllegalStateException(op);
            };
        }

        private static String text(Object o) {
            if (o instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return String.valueOf(o);
        }

        private static Double number(Object o) {
            if (o instanceof Double d) {
                return d;
            }
            String t = String.valueOf(o).strip();
            // Double.parseDouble accepts only texts that start (after what it trims) with one of these, so the
            // check changes no result; it spares an exception per row for texts such as "adam"
            char c = t.isEmpty() ? 'x' : t.charAt(0);
            if (!(c <= ' ' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.' || c == 'N' || c == 'I')) {
                return null;
            }
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** A recursive-descent parser over the text. */
    private static final class Parser {
        private static final List<String> BARE = List.of("id", "name", "status", "experiment");
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        UserError error(String what) {
            return new UserError("filter error at " + (pos + 1) + ": " + what + "\n  " + s + "\n  "
                    + " ".repeat(pos) + "^", "Write comparisons such as metrics.val_auc > 0.8 and params.optimizer = "
                    + "\"adam\", joined by and / or / not.");
        }

        void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean word(String w) {
            skip();
            int end = pos + w.length();
            if (end <= s.length() && s.regionMatches(true, pos, w, 0, w.length())
                    && (end == s.length() || !Character.isLetterOrDigit(s.charAt(end)) && s.charAt(end) != '_')) {
                pos = end;
                return true;
            }
            return false;
        }

        Node or() {
            Node n = and();
            while (word("or")) {
                n = new Or(n, and());
            }
            return n;
        }

        Node and() {
            Node n = unary();
            while (word("and")) {
                n = new And(n, unary());
            }
            return n;
        }

        Node unary() {
            if (word("not")) {
                return new Not(unary());
            }
            skip();
            if (pos < s.length() && s.charAt(pos) == '(') {
                pos++;
                Node n = or();
                skip();
                if (pos >= s.length() || s.charAt(pos) != ')') {
                    throw error("expected ')'");
                }
                pos++;
                return n;
            }
            return comparison();
        }

        Node comparison() {
            skip();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || "._-/".indexOf(s.charAt(pos)) >= 0)) {
                pos++;
            }
            String field = s.substring(start, pos);
            if (field.isEmpty()) {
                throw error(pos >= s.length() ? "expected a field such as metrics.val_auc, found the end"
                        : "expected a field such as metrics.val_auc, found '" + s.charAt(pos) + "'");
            }
            int dot = field.indexOf('.');
            String scope = dot < 0 ? field : field.substring(0, dot);
            if (dot < 0 ? !BARE.contains(field) : !List.of("metrics", "params", "tags").contains(scope)
                    || dot == field.length() - 1) {
                pos = start;
                throw error("unknown field '" + field + "': use metrics.NAME, params.NAME, tags.NAME, id, name, "
                        + "status or experiment");
            }
            skip();
            String op = null;
            for (String o : List.of("<=", ">=", "!=", "=", "<", ">", "~")) {
                if (s.startsWith(o, pos)) {
                    op = o;
                    break;
                }
            }
            if (op == null) {
                throw error("expected an operator (=, !=, <, <=, >, >=, ~) after '" + field + "'");
            }
            pos += op.length();
            skip();
            if (pos >= s.length()) {
                throw error("expected a value after '" + op + "'");
            }
            Object value;
            char c = s.charAt(pos);
            if (c == '"' || c == '\'') {
                int end = s.indexOf(c, pos + 1);
                if (end < 0) {
                    throw error("the quoted value is not closed");
                }
                value = s.substring(pos + 1, end);
                pos = end + 1;
            } else {
                int vs = pos;
                while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && s.charAt(pos) != ')') {
                    pos++;
                }
                String raw = s.substring(vs, pos);
                Double d;
                try {
                    d = Double.parseDouble(raw);
                } catch (NumberFormatException e) {
                    d = null;
                }
                value = d != null ? d : raw;
            }
            return new Compare(field, op, value);
        }
    }

    /**
     * @param fields field values
     * @return a {@link Fields} over a map
     */
    public static Fields of(Map<String, Object> fields) {
        Objects.requireNonNull(fields, "fields");
        return fields::get;
    }

    /** @return a placeholder so the class lists its fields in the docs */
    static List<String> bareFields() {
        return new ArrayList<>(Parser.BARE);
    }
}
