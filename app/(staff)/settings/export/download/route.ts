import { requireStaff } from '@/lib/auth/require-staff';
import { exportReferrals } from '@/lib/exports/export-referrals';
import { errorResponse } from '@/lib/http/respond';

/**
 * GET /settings/export/download?format=csv|json: the practice's referrals as a file.
 * Signed-in admins only (data.export); the export is audited before it streams.
 */
export async function GET(req: Request): Promise<Response> {
  const staff = await requireStaff('data.export');
  try {
    const format = new URL(req.url).searchParams.get('format') ?? '';
    const result = await exportReferrals(staff, { format });

    return new Response(result.body, {
      headers: {
        'content-type': result.contentType,
        'content-disposition': `attachment; filename="${result.filename}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    return errorResponse(error, staff.request.requestId);
  }
}
