package dev.parasol.cli;

/**
 * The same sightings when a feed's first import stores its names as a run
 * (V10__entry_runs.sql): every feed also holds 1,500 more names, enough for a run.
 */
class CarriedSightingsInRunsTest extends CarriedSightingsTest {
    @Override
    int padding() {
        return 1_500;
    }
}
