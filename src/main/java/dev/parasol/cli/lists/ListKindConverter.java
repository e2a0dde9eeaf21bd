package dev.parasol.cli.lists;

import dev.parasol.policy.ListKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class ListKindConverter implements ITypeConverter<ListKind> {
    @Override
    public ListKind convert(String value) {
        try {
            return ListKind.fromLabel(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("expected allow or block, not '" + value + "'");
        }
    }
}
