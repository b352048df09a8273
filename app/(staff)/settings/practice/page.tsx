import type { Metadata } from 'next';

import { ActionForm } from '@/components/settings/action-form';
import { LogoPicker } from '@/components/settings/logo-picker';
import { Field, Input, Textarea } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { requireStaffPage } from '@/lib/auth/require-staff';
import { withPractice } from '@/lib/db/with-practice';
import { getPracticeSettings } from '@/lib/settings/get-practice-settings';

import { saveProfileAction } from './actions';

export const metadata: Metadata = { title: 'Practice profile' };

export default async function PracticeProfilePage() {
  const staff = await requireStaffPage('practice.manage');
  const view = await withPractice(
    staff.practiceId,
    (db) => getPracticeSettings(db, staff.practiceId),
    {
      userId: staff.userId,
    },
  );
  const profile = view.settings.profile;

  return (
    <>
      <PageHeader title="Practice profile" description="What referring vets and staff see." />
      <ActionForm action={saveProfileAction} submitLabel="Save profile">
        <Field id="name" label="Practice name">
          <Input id="name" name="name" defaultValue={view.name} required maxLength={200} />
        </Field>
        <Field id="timezone" label="Time zone" hint="Working days and service levels use it.">
          <Input id="timezone" name="timezone" defaultValue={view.timezone} required />
        </Field>
        <Field id="address" label="Address">
          <Textarea id="address" name="address" defaultValue={profile.address} rows={3} />
        </Field>
        <Field id="phone" label="Phone">
          <Input id="phone" name="phone" type="tel" defaultValue={profile.phone} />
        </Field>
        <LogoPicker current={profile.logo} />
        <Field id="services" label="Services" hint="One per line, e.g. Cardiology.">
          <Textarea
            id="services"
            name="services"
            defaultValue={profile.services.join('\n')}
            rows={5}
          />
        </Field>
        <Field id="departments" label="Departments" hint="One per line.">
          <Textarea
            id="departments"
            name="departments"
            defaultValue={profile.departments.join('\n')}
            rows={4}
          />
        </Field>
      </ActionForm>
    </>
  );
}
