-- Request activity (issue #5): one row per DNS query, from resolver logs or `check --record`.
-- The verdict, policy and list are what Parasol decided when the row was written; a report
-- that asks "what if" re-evaluates instead of rewriting history.
-- Ids come from a sequence in blocks (ActivityRepository.insert), so that rows and their
-- categories are written as JDBC batches without asking for generated keys row by row.
CREATE SEQUENCE activity_id START WITH 1 CACHE 10000;
CREATE TABLE activity (
    id              BIGINT PRIMARY KEY,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    identity_type   VARCHAR(30),
    identity_value  VARCHAR(300),
    client          VARCHAR(300),
    domain          VARCHAR(253) NOT NULL,
    -- The name with its labels in reverse order ("com.example.www"): a suffix search on domain
    -- becomes a prefix search here, which an index serves.
    domain_reversed VARCHAR(253) NOT NULL,
    query_type      VARCHAR(16) NOT NULL,
    verdict         VARCHAR(10) NOT NULL,
    policy          VARCHAR(200) NOT NULL,
    -- Categories as shown ("ThreatConnect, ThreatQ"); searches use activity_category.
    categories      VARCHAR(1000) NOT NULL,
    list_name       VARCHAR(200),
    entry           VARCHAR(253),
    source          VARCHAR(20) NOT NULL
);
CREATE INDEX activity_at ON activity (occurred_at);
CREATE INDEX activity_domain ON activity (domain_reversed, occurred_at);
CREATE INDEX activity_identity ON activity (identity_value, occurred_at);
CREATE INDEX activity_verdict ON activity (verdict, occurred_at);
CREATE INDEX activity_policy ON activity (policy, occurred_at);

-- Few requests carry a category, so category searches and per-day category counts read this
-- small table instead of scanning activity.
CREATE TABLE activity_category (
    activity_id  BIGINT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    category     VARCHAR(100) NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (activity_id, category)
);
CREATE INDEX activity_category_at ON activity_category (category, occurred_at);
