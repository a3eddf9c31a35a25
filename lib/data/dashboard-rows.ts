/**
 * The rows the dashboard's SQL returns (lib/data/dashboard-sql.ts), as lib/data/dashboard-shape.ts
 * reads them. Types only, in their own module so that the shaper does not import the queries that
 * import it.
 */
import type { OfficialStatus } from '../domain/status';

export type StatusCounts = Record<OfficialStatus, number> & { total: number };

export type CountRow = {
  done_on_time: number;
  done_late: number;
  on_time: number;
  overdue: number;
  not_started: number;
};

export type AggregateRow = CountRow & {
  /** Which grouping set: 'all' | 'unit' | 'section' | 'area'. */
  set: string;
  unit_id: number | null;
  section_id: number | null;
  reform_area: string | null;
  pending: number;
  unit_name: string | null;
  unit_kind: string | null;
  unit_valid_to: Date | null;
  section_numeral: string | null;
  section_title: string | null;
  section_order: number | null;
  programme_id: number | null;
  programme_title: string | null;
  programme_document_number: string | null;
};

export type HeatRow = CountRow & { unit_id: number; section_id: number | null; reform_area: string | null };

export type AssignmentRow = {
  assignment_id: number;
  total: number;
  status: OfficialStatus;
  due: Date | null;
  completed: Date | null;
  days_overdue: number | null;
  missed_periods: number | null;
  report_unit_id: number;
  report_unit_name: string;
  own_unit_name: string;
  role: string;
  task_number: string;
  task_title: string;
  recurrence: string;
  section_numeral: string;
  programme_title: string;
  lead_unit_id: number | null;
  lead_unit_name: string | null;
  report_id: number | null;
  report_period_key: string | null;
  report_status: string | null;
  report_submitted_at: Date | null;
  report_reviewed_at: Date | null;
  reviewer_name: string | null;
};
