package dev.parasol.cli;

public enum OutputFormat {
    table, json, csv
}
