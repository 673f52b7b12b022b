import { sql, type SQLWrapper } from 'drizzle-orm'
import { patients, staff } from './schema'

// A person's full name as every list and form prints it: surname, name, patronymic (when there is one).
export const patientFullName = sql<string>`concat_ws(' ', ${patients.lastName}, ${patients.firstName}, ${patients.middleName})`
export const staffFullName = sql<string>`concat_ws(' ', ${staff.lastName}, ${staff.firstName}, ${staff.middleName})`

// The name a list prints for the staff member (or patient) an id column points at: the assignee, the decider, the signer,
// the actor of an event. Surname and name; `withPatronymic` adds the patronymic.
export const staffNameOf = (id: SQLWrapper, withPatronymic = false) =>
  sql<
    string | null
  >`(select concat_ws(' ', s.last_name, s.first_name${withPatronymic ? sql`, s.middle_name` : sql``}) from staff s where s.id = ${id})`
export const patientNameOf = (id: SQLWrapper, withPatronymic = false) =>
  sql<
    string | null
  >`(select concat_ws(' ', p.last_name, p.first_name${withPatronymic ? sql`, p.middle_name` : sql``}) from patients p where p.id = ${id})`

// The section's doctor (the first by surname when it has several), as the coupon and the clinic choices name them.
export const sectionDoctorNameOf = (sectionId: SQLWrapper, withPatronymic = false) =>
  sql<string | null>`(select concat_ws(' ', d.last_name, d.first_name${withPatronymic ? sql`, d.middle_name` : sql``})
    from section_doctors sd join staff d on d.id = sd.staff_id where sd.section_id = ${sectionId}
    order by d.last_name, d.id limit 1)`
