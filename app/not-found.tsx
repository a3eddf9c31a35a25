import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-4 py-16 text-center">
      <p className="text-5xl font-bold text-slate-300">404</p>
      <h1 className="mt-4 text-xl font-semibold">Không tìm thấy trang</h1>
      <p className="mt-2 text-slate-600">Nội dung này không tồn tại, đã bị xóa, hoặc bạn không có quyền xem.</p>
      <Link
        href="/"
        className="mt-6 inline-block rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800"
      >
        Về trang chủ
      </Link>
    </main>
  );
}
