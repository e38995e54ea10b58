-- The monthly spending budget (one row, set by an admin) and the thresholds each month crossed,
-- recorded once so that a crossing warns and acts once.

create table spending_budget (
    id          smallint primary key default 1 check (id = 1),
    monthly_usd double precision,
    thresholds  jsonb not null default '[0.5, 0.8, 1.0]',
    updated_at  timestamptz not null default now(),
    updated_by  varchar(255)
);

create table budget_crossing (
    month       char(7) not null,
    threshold   double precision not null,
    spent_usd   double precision not null,
    crossed_at  timestamptz not null default now(),
    primary key (month, threshold)
);
