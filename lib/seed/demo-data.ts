import type { Role } from '@/lib/auth/permissions';

export interface DemoPractice {
  id: string;
  name: string;
  slug: string;
  domain: string;
  timezone: string;
  password: string;
}

// Fixed ids make the seed idempotent: a second start finds the practice and stops.
export const DEMO_PRACTICES: DemoPractice[] = [
  {
    id: '6f1b2c3d-0000-4000-8000-000000000001',
    name: 'Riverside Veterinary Specialists',
    slug: 'riverside-specialists',
    domain: 'riverside.demo',
    timezone: 'Europe/London',
    password: 'Riverside-demo-2026!',
  },
  {
    id: '6f1b2c3d-0000-4000-8000-000000000002',
    name: 'Northgate Animal Emergency',
    slug: 'northgate-emergency',
    domain: 'northgate.demo',
    timezone: 'America/New_York',
    password: 'Northgate-demo-2026!',
  },
];

export const DEMO_STAFF: { role: Role; local: string; name: string }[] = [
  { role: 'owner', local: 'owner', name: 'Morgan Hale' },
  { role: 'admin', local: 'admin', name: 'Priya Natarajan' },
  { role: 'clinician', local: 'clinician', name: 'Dr Samuel Okafor' },
  { role: 'nurse', local: 'nurse', name: 'Jess Turner' },
  { role: 'front_desk', local: 'frontdesk', name: 'Leo Marsh' },
  { role: 'read_only', local: 'readonly', name: 'Ana Costa' },
];

export interface DemoReferral {
  patientName: string;
  species: string;
  breed: string;
  sex: 'male' | 'female' | 'male_neutered' | 'female_spayed';
  weightKg: number;
  ownerName: string;
  urgency: 'emergency' | 'urgent' | 'routine';
  service: string;
  reason: string;
  clinic: string;
  vet: string;
  vetEmail: string;
  /** Status actions taken in order after submission. */
  path: string[];
  messages?: { visibility: 'shared' | 'internal'; body: string }[];
}

export const DEMO_REFERRALS: DemoReferral[] = [
  {
    patientName: 'Biscuit',
    species: 'Dog',
    breed: 'Cavalier King Charles Spaniel',
    sex: 'male_neutered',
    weightKg: 9.4,
    ownerName: 'Hannah Webb',
    urgency: 'routine',
    service: 'Cardiology',
    reason: 'Grade IV/VI left apical systolic murmur; echocardiogram requested.',
    clinic: 'Meadowbank Vets',
    vet: 'Dr Claire Dunn',
    vetEmail: 'claire.dunn@meadowbank.example',
    path: [],
  },
  {
    patientName: 'Pepper',
    species: 'Cat',
    breed: 'Domestic Shorthair',
    sex: 'female_spayed',
    weightKg: 4.1,
    ownerName: 'Tom Ellis',
    urgency: 'urgent',
    service: 'Internal Medicine',
    reason: 'Persistent hypercalcaemia, weight loss over six weeks.',
    clinic: 'Meadowbank Vets',
    vet: 'Dr Claire Dunn',
    vetEmail: 'claire.dunn@meadowbank.example',
    path: ['receive'],
    messages: [
      {
        visibility: 'shared',
        body: "Thanks Claire, we have Pepper's bloods. Could you send the last urine result?",
      },
    ],
  },
  {
    patientName: 'Max',
    species: 'Dog',
    breed: 'German Shepherd',
    sex: 'male',
    weightKg: 38.2,
    ownerName: 'Ruth Patel',
    urgency: 'emergency',
    service: 'Emergency & Critical Care',
    reason: 'Suspected gastric dilatation-volvulus, unproductive retching for 1 hour.',
    clinic: 'Hillside Animal Clinic',
    vet: 'Dr Ben Ortiz',
    vetEmail: 'ben.ortiz@hillside.example',
    path: [],
  },
  {
    patientName: 'Luna',
    species: 'Dog',
    breed: 'Labrador Retriever',
    sex: 'female_spayed',
    weightKg: 27.5,
    ownerName: 'Grace Kim',
    urgency: 'routine',
    service: 'Orthopaedics',
    reason: 'Right hindlimb lameness, positive drawer sign; suspected cranial cruciate rupture.',
    clinic: 'Hillside Animal Clinic',
    vet: 'Dr Ben Ortiz',
    vetEmail: 'ben.ortiz@hillside.example',
    path: ['receive', 'request_info'],
    messages: [
      { visibility: 'shared', body: 'Could you upload the stifle radiographs from 12 November?' },
    ],
  },
  {
    patientName: 'Oscar',
    species: 'Cat',
    breed: 'Maine Coon',
    sex: 'male_neutered',
    weightKg: 7.8,
    ownerName: 'Daniel Reyes',
    urgency: 'urgent',
    service: 'Cardiology',
    reason: 'Gallop rhythm and tachypnoea; NT-proBNP elevated.',
    clinic: 'Oakwood Veterinary Practice',
    vet: 'Dr Fiona Lamb',
    vetEmail: 'fiona.lamb@oakwood.example',
    path: ['receive', 'accept'],
    messages: [
      {
        visibility: 'internal',
        body: 'Book with the cardiology resident; owner prefers mornings.',
      },
    ],
  },
  {
    patientName: 'Daisy',
    species: 'Rabbit',
    breed: 'Netherland Dwarf',
    sex: 'female',
    weightKg: 1.1,
    ownerName: 'Isla Brown',
    urgency: 'routine',
    service: 'Exotics',
    reason: 'Molar overgrowth with recurrent anorexia.',
    clinic: 'Oakwood Veterinary Practice',
    vet: 'Dr Fiona Lamb',
    vetEmail: 'fiona.lamb@oakwood.example',
    path: ['receive', 'decline'],
  },
  {
    patientName: 'Rocky',
    species: 'Dog',
    breed: 'Boxer',
    sex: 'male',
    weightKg: 31,
    ownerName: 'Chris Moore',
    urgency: 'routine',
    service: 'Oncology',
    reason: 'Cutaneous mass on left flank, FNA consistent with mast cell tumour.',
    clinic: 'Meadowbank Vets',
    vet: 'Dr Claire Dunn',
    vetEmail: 'claire.dunn@meadowbank.example',
    path: ['receive', 'accept', 'schedule'],
    messages: [{ visibility: 'shared', body: 'Rocky is booked in; we will stage him on the day.' }],
  },
  {
    patientName: 'Milo',
    species: 'Cat',
    breed: 'Bengal',
    sex: 'male_neutered',
    weightKg: 5.2,
    ownerName: 'Sophie Allen',
    urgency: 'emergency',
    service: 'Emergency & Critical Care',
    reason: 'Urethral obstruction, bladder large and painful.',
    clinic: 'Hillside Animal Clinic',
    vet: 'Dr Ben Ortiz',
    vetEmail: 'ben.ortiz@hillside.example',
    path: ['receive', 'accept', 'schedule', 'admit'],
    messages: [
      {
        visibility: 'shared',
        body: 'Milo is unblocked and comfortable on fluids. Update tomorrow morning.',
      },
    ],
  },
  {
    patientName: 'Bella',
    species: 'Dog',
    breed: 'Border Collie',
    sex: 'female_spayed',
    weightKg: 18.6,
    ownerName: 'Megan Scott',
    urgency: 'urgent',
    service: 'Neurology',
    reason: 'Acute onset paraparesis, deep pain present.',
    clinic: 'Oakwood Veterinary Practice',
    vet: 'Dr Fiona Lamb',
    vetEmail: 'fiona.lamb@oakwood.example',
    path: ['receive', 'accept', 'schedule', 'admit', 'discharge'],
  },
  {
    patientName: 'Charlie',
    species: 'Dog',
    breed: 'Cocker Spaniel',
    sex: 'male_neutered',
    weightKg: 14.3,
    ownerName: 'Olivia Hart',
    urgency: 'routine',
    service: 'Dermatology',
    reason: 'Chronic otitis externa, failed three courses of topical therapy.',
    clinic: 'Meadowbank Vets',
    vet: 'Dr Claire Dunn',
    vetEmail: 'claire.dunn@meadowbank.example',
    path: ['receive', 'accept', 'schedule', 'admit', 'discharge', 'send_report'],
  },
  {
    patientName: 'Cleo',
    species: 'Cat',
    breed: 'Siamese',
    sex: 'female_spayed',
    weightKg: 3.6,
    ownerName: 'Nathan Price',
    urgency: 'routine',
    service: 'Ophthalmology',
    reason: 'Anisocoria and suspected retinal detachment, hypertensive.',
    clinic: 'Hillside Animal Clinic',
    vet: 'Dr Ben Ortiz',
    vetEmail: 'ben.ortiz@hillside.example',
    path: ['receive', 'accept', 'schedule', 'admit', 'discharge', 'send_report', 'close'],
  },
  {
    patientName: 'Teddy',
    species: 'Dog',
    breed: 'Miniature Poodle',
    sex: 'male',
    weightKg: 6.9,
    ownerName: 'Lucy Young',
    urgency: 'routine',
    service: 'Soft Tissue Surgery',
    reason: 'Portosystemic shunt confirmed on CT; surgical consult.',
    clinic: 'Oakwood Veterinary Practice',
    vet: 'Dr Fiona Lamb',
    vetEmail: 'fiona.lamb@oakwood.example',
    path: ['receive', 'accept', 'schedule', 'no_show'],
  },
];
